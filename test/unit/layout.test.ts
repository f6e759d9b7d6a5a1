/**
 * The architecture, checked: what the README's "How the code is laid out" promises stays true
 * as the code changes.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";

const SRC = resolve(import.meta.dirname, "../../src");

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import (static, type-only, re-export or dynamic) of each file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const text = readFileSync(file, "utf8");
    const specs = [
      ...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g),
    ].map((m) => (m[1] ?? m[2]) as string);
    graph.set(
      file,
      specs.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, ".ts"))),
    );
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open")
        found.push(
          stack
            .slice(stack.indexOf(next))
            .map((f) => relative(SRC, f))
            .join(" -> "),
        );
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the code's layout", () => {
  it("has no import circles among src/ files (type-only imports included)", () => {
    expect(cycles(importGraph())).toEqual([]);
  });

  it("gives every command a folder named after it, with its definition", () => {
    const paths: string[] = [];
    const walk = (command: ReturnType<typeof buildProgram>, path: string[]) => {
      for (const sub of command.commands) {
        if (sub.name() === "help") continue;
        // A hidden internal command (`__complete`) is named without its underscores.
        const here = [...path, sub.name().replace(/^__/, "")];
        if (sub.commands.length === 0) paths.push(here.join("/"));
        walk(sub, here);
      }
    };
    walk(buildProgram(), []);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      expect(statSync(join(SRC, "commands", path, "command.ts")).isFile(), path).toBe(true);
    }
  });

  it("keeps process.* out of everything a command runs (it comes from the runtime)", () => {
    // The entries: the executable's, and the library's defaults (where stored logins are).
    const allowed = new Set(["bin.ts", "entry.ts", "library/connection.ts"]);
    const offenders = sourceFiles()
      .map((file) => relative(SRC, file))
      .filter((file) => !allowed.has(file) && !file.startsWith("startup/"))
      .filter((file) =>
        /\bprocess\.(stdin|stdout|stderr|env|cwd|exit|argv)\b/.test(
          readFileSync(join(SRC, file), "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it("matches no server message texts outside the error table", () => {
    const offenders = sourceFiles()
      .map((file) => relative(SRC, file))
      .filter((file) => !file.startsWith("dev-server/") && file !== "api/error-table.ts")
      .filter((file) =>
        /serverMessage\s*===|\.body\?\.error\s*===/.test(readFileSync(join(SRC, file), "utf8")),
      );
    expect(offenders).toEqual([]);
  });
});
