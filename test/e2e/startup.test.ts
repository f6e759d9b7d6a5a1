import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, tempDir } from "../helpers/cli.js";
import { createArgs } from "../helpers/dev-server.js";

const HOOK = resolve(import.meta.dirname, "../helpers/trace-chunks.cjs");
/** Strings only the heavy libraries contain, so a file holding one holds that library. */
const HEAVY_MARKERS = ["AxiosError", "ZodError", "invalid_type", "cosmiconfig", "startDevServer"];

function heavyIn(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return HEAVY_MARKERS.filter((marker) => text.includes(marker));
}

function traced(args: string[]): { chunks: string[]; builtins: string[] } {
  const dir = tempDir();
  const trace = join(dir, "trace.txt");
  const builtins = join(dir, "builtins.txt");
  writeFileSync(trace, "");
  const result = spawnSync(process.execPath, ["--require", HOOK, BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      INFISICAL_CONFIG_DIR: dir,
      NO_COLOR: "1",
      TRACE_CHUNKS_FILE: trace,
      TRACE_BUILTINS_FILE: builtins,
    },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).not.toBe(null);
  const lines = (file: string) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line !== "");
  return { chunks: lines(trace), builtins: lines(builtins) };
}

const loadedModules = (args: string[]): string[] => traced(args).chunks;

describe("start-up cost", () => {
  const commands = [
    "service-token",
    "service-token create",
    "service-token list",
    "service-token delete",
  ];
  commands.push("service-token view", "login", "logout", "whoami", "init", "completion");
  const helps = [["--version"], ["--help"], ...commands.map((c) => [...c.split(" "), "--help"])];
  for (const args of helps) {
    it(`${args.join(" ")} loads only the entry file (no commander, axios, zod, cosmiconfig)`, () => {
      // The CommonJS entry answers alone: not one of the program's chunks is loaded.
      expect(loadedModules(args)).toEqual([]);
    });
  }

  it("the entry file does not contain the heavy libraries", () => {
    expect(heavyIn(resolve(import.meta.dirname, "../../dist/cli.cjs"))).toEqual([]);
  });

  it("a command loads its chunks only when it runs", () => {
    const modules = loadedModules(createArgs("p", "--token", "x"));
    expect(modules.flatMap(heavyIn)).toEqual(
      expect.arrayContaining(["AxiosError", "ZodError", "cosmiconfig"]),
    );
    expect(modules.flatMap(heavyIn)).not.toContain("startDevServer");
  });

  it("a create loads no built-in module that it does not use (Node 22 and 24's lazy ones stay unloaded)", () => {
    const { builtins } = traced(createArgs("p", "--token", "x"));
    expect(builtins).toContain("NativeModule http");
    // Reading the descriptors of util's properties (esbuild's copy of a default import) loads
    // these on Node 22 and 24; the build gives such imports the module itself.
    for (const unused of [
      // Only a missing HOME, or Windows, needs node:os (the config paths load it on first use).
      "NativeModule os",
      "NativeModule worker_threads",
      "NativeModule internal/util/parse_args/parse_args",
      "NativeModule internal/util/diff",
    ])
      expect(builtins).not.toContain(unused);
  });

  it("commands that send nothing load no HTTP client", () => {
    expect(loadedModules(["completion", "bash"]).flatMap(heavyIn)).toEqual([]);
    const logout = loadedModules(["logout"]).flatMap(heavyIn);
    expect(logout).toContain("ZodError");
    expect(logout).not.toContain("AxiosError");
    expect(logout).not.toContain("startDevServer");
  });
});

describe("help prepared at build time", () => {
  const commands = [
    "",
    "service-token",
    "service-token create",
    "service-token list",
    "login",
    "dev-server",
    "completion",
  ];
  for (const command of commands) {
    it(`\`${command} --help\` is exactly commander's output`, async () => {
      const { runCli } = await import("../helpers/cli.js");
      const args = command ? command.split(" ") : [];
      const fast = await runCli([...args, "--help"]);
      // Any extra global flag takes the ordinary path through commander.
      const slow = await runCli(["--silent", ...args, "--help"]);
      expect(fast.code).toBe(0);
      expect(slow.code).toBe(0);
      expect(fast.stdout).toBe(slow.stdout);
      expect(fast.stdout).toContain("Usage: infisical");
    });
  }
});

describe("help texts read from dist/chunks/help.json", () => {
  it("without the file, help comes from commander itself, the same text", () => {
    const copy = tempDir();
    const root = resolve(BIN, "../..");
    for (const part of ["bin", "dist/cli.cjs", "dist/chunks"])
      cpSync(join(root, part), join(copy, part), {
        recursive: true,
        filter: (source) => !source.endsWith("help.json"),
      });
    expect(existsSync(join(copy, "dist", "chunks", "help.json"))).toBe(false);
    const args = ["service-token", "create", "--help"];
    const run = (bin: string) =>
      spawnSync(process.execPath, [bin, ...args], {
        env: { PATH: process.env.PATH, HOME: copy, NO_COLOR: "1" },
        encoding: "utf8",
      });
    const withoutFile = run(join(copy, "bin", "infisical"));
    expect(withoutFile.status, withoutFile.stderr).toBe(0);
    expect(withoutFile.stdout).toBe(run(BIN).stdout);
    expect(withoutFile.stdout).toContain("Usage: infisical service-token create");
  });
});

describe("version", () => {
  it("--version and -v print the package's version", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const pkg = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8"),
    ) as { version: string };
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect((await runCli(["-v"])).stdout).toBe(r.stdout);
  });
});
