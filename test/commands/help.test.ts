import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process.js";

const SRC = resolve(import.meta.dirname, "../../src");

function sourceText(dir = SRC): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceText(path) : readFileSync(path, "utf8");
    })
    .join("\n");
}

describe("help", () => {
  it("`help <command>` shows that command's help, as `<command> --help` does", async () => {
    const viaHelp = await runInProcess(["help", "service-token", "create"]);
    const viaFlag = await runInProcess(["service-token", "create", "--help"]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toContain("Usage: infisical service-token create");
  });

  it("`help environment` lists every environment variable src/ reads", async () => {
    const r = await runInProcess(["help", "environment"]);
    expect(r.code).toBe(0);
    const read = new Set(
      [
        ...sourceText().matchAll(/\benv(?:\?)?\.([A-Z][A-Z0-9_]+)|"((?:INFISICAL|XDG)_[A-Z_]+)"/g),
      ].map((m) => (m[1] ?? m[2]) as string),
    );
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect(r.stdout, name).toContain(name);
  });

  it("wraps to a narrower terminal without breaking words", async () => {
    const r = await runInProcess(["service-token", "create", "--help"], {
      terminal: { columns: 60 },
    });
    const lines = r.stdout.split("\n");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    // "token" is never split across lines ("t" / "oken").
    expect(r.stdout).not.toMatch(/\bt\n\s+oken/);
  });

  it("every command's help fits 60, 80 and 120 columns", async () => {
    const commands = [
      [],
      ["service-token"],
      ...["create", "list", "view", "rotate", "delete", "prune", "exec", "migrate"].map((c) => [
        "service-token",
        c,
      ]),
      ["identity"],
      ...["list", "view", "delete"].map((c) => ["identity", c]),
      ["login"],
      ["logout"],
      ["whoami"],
      ["status"],
      ["init"],
      ["dev-server"],
      ["completion"],
    ];
    for (const columns of [60, 80, 120]) {
      for (const command of commands) {
        const r = await runInProcess([...command, "--help"], { terminal: { columns } });
        expect(r.code, command.join(" ")).toBe(0);
        for (const line of r.stdout.split("\n"))
          expect(line.length, `${command.join(" ")} at ${columns}: ${line}`).toBeLessThanOrEqual(
            columns,
          );
      }
    }
  });

  it("quotes globs in examples, so they paste into zsh", async () => {
    const r = await runInProcess(["service-token", "create", "--help"]);
    expect(r.stdout).toContain("'dev:/**'");
    expect(r.stdout).not.toMatch(/ -s dev:\/backend\/\*\*/);
  });

  it("parser errors end with a hint; choices are listed once", async () => {
    const bad = await runInProcess(["completion", "bsh"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n").at(-1)).toBe("  hint: add --help for usage");
    const help = await runInProcess(["completion", "--help"]);
    expect(help.stdout.match(/bash/g)?.length).toBeGreaterThan(0);
    expect(help.stdout).not.toContain("bash, zsh or fish (choices");
  });

  it("the Go CLI's login flags get an answer, not 'unknown option'", async () => {
    for (const args of [
      ["login", "--method", "universal-auth"],
      ["login", "--interactive"],
    ]) {
      const r = await runInProcess(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("is the Go CLI's");
      expect(r.stderr).not.toContain("unknown option");
    }
  });
});
