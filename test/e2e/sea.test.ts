import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCodeCache } from "../../src/startup/code-cache-file.js";
import { executableName } from "../../scripts/build/node-lines.mjs";
import { tempDir } from "../helpers/cli.js";
import { loggedInEnv, tokenOnlyCreateArgs, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const root = resolve(import.meta.dirname, "../..");
let executable: string;

describe("single executable (npm run build:sea)", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--sea-only"], {
      cwd: root,
      stdio: "ignore",
    });
    // Run from a directory that holds nothing of the project.
    executable = join(tempDir(), "infisical");
    copyFileSync(join(root, "dist", executableName(process.platform, process.arch)), executable);
  }, 120_000);

  it("runs --version and service-token create against the dev server", async () => {
    const cwd = tempDir();
    expect(execFileSync(executable, ["--version"], { cwd, encoding: "utf8" })).toMatch(
      /^\d+\.\d+\.\d+\n$/,
    );
    const env = await loggedInEnv(ctx.server);
    // Asynchronously: the dev server answers from this same process.
    const { stdout: token } = await promisify(execFile)(
      executable,
      tokenOnlyCreateArgs(ctx.server.demo.project.id),
      { cwd, env, encoding: "utf8" },
    );
    expect(token.trim()).toMatch(/^st\.[0-9a-f-]{36}\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
  });

  it("carries code caches for its main commands, and keeps its own for the others", async () => {
    const env = await loggedInEnv(ctx.server);
    const run = (args: string[]) => promisify(execFile)(executable, args, { cwd: tempDir(), env });
    const cacheRoot = join(env.HOME as string, ".cache", "infisical-ts", "code");

    // Made at build time: even the first runs use it, and nothing needs writing.
    const list = ["service-token", "list", "--projectId", ctx.server.demo.project.id, "--json"];
    await run(list);
    expect(JSON.parse((await run(list)).stdout)).toBeInstanceOf(Array);
    expect(existsSync(cacheRoot)).toBe(false);

    // Not made at build time: the first run records its chunks, the second takes the data.
    await run(["completion", "bash"]);
    await run(["completion", "bash"]);
    const [build] = readdirSync(cacheRoot);
    const file = join(cacheRoot, build as string, "completion.bin");
    const contents = decodeCodeCache(readFileSync(file));
    expect(contents?.chunks).toContain("main.js");
    expect(contents?.data.length).toBeGreaterThan(0);
  });
});

describe("the built CLI without node_modules", () => {
  it("answers --help from the entry and its texts alone, and says so when the program's files are missing", async () => {
    const copy = tempDir();
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist", "cli.cjs"), join(copy, "dist", "cli.cjs"));
    cpSync(join(root, "dist", "chunks", "help.json"), join(copy, "dist", "chunks", "help.json"));
    const bin = join(copy, "bin", "infisical");
    const run = promisify(execFile);
    expect((await run(bin, ["service-token", "create", "--help"])).stdout).toContain("--scope");
    const broken = await run(bin, ["whoami"], { env: { PATH: process.env.PATH, HOME: copy } }).then(
      () => expect.fail("whoami ran without the program"),
      (error: { code: number; stderr: string }) => error,
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^error: this installation of infisical-ts is incomplete or damaged: ENOENT.*main\.js.*\n {2}hint: reinstall it/,
    );
    expect(broken.stderr).not.toContain("    at ");
  });

  it("runs from a copy of bin/ and dist/ alone", async () => {
    const copy = tempDir();
    cpSync(join(root, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(root, "dist", "cli.cjs"), join(copy, "dist", "cli.cjs"));
    cpSync(join(root, "dist", "chunks"), join(copy, "dist", "chunks"), { recursive: true });
    const bin = join(copy, "bin", "infisical");
    const run = promisify(execFile);
    expect((await run(bin, ["--version"], { cwd: copy })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const env = await loggedInEnv(ctx.server);
    const { stdout } = await run(bin, tokenOnlyCreateArgs(ctx.server.demo.project.id), {
      cwd: copy,
      env,
    });
    expect(stdout.trim()).toMatch(/^st\./);
  });
});
