import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeCodeCache,
  encodeCodeCache,
  type CodeCacheContents,
} from "../../src/startup/code-cache-file.js";
import { runCli } from "../helpers/cli.js";
import { loggedInEnv, tokenOnlyCreateArgs, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const TOKEN = /^st\.[0-9a-f-]{36}\.[0-9a-f]{32}\.[0-9a-f]{32}\n$/;

async function create(env: Record<string, string>) {
  const result = await runCli(tokenOnlyCreateArgs(ctx.server.demo.project.id), { env });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(TOKEN);
}

/** The one code cache file under HOME, if any. */
function cacheFile(env: Record<string, string>): string | undefined {
  const root = join(env.HOME as string, ".cache", "infisical-ts", "code");
  if (!existsSync(root)) return undefined;
  const [build, ...others] = readdirSync(root);
  expect(others).toEqual([]);
  expect(readdirSync(join(root, build as string))).toEqual(["service-token-create.bin"]);
  return join(root, build as string, "service-token-create.bin");
}

function contentsOf(file: string) {
  const contents = decodeCodeCache(readFileSync(file));
  expect(contents).toBeDefined();
  return contents as CodeCacheContents;
}

describe("code cache", () => {
  it("is started by the first create, filled by the second and only read by the third", async () => {
    const env = await loggedInEnv(ctx.server);
    await create(env);
    const file = cacheFile(env) as string;
    // The first run records what it loaded, in order: the program, the action, axios, zod…
    const { chunks, data } = contentsOf(file);
    expect(chunks[0]).toBe("main.js");
    expect(chunks.length).toBeGreaterThan(5);
    expect(data.length).toBe(0);

    await create(env);
    expect(contentsOf(file).chunks).toEqual(chunks);
    expect(contentsOf(file).source).toMatch(/^\[\(function \(exports, require, module\) \{/);
    expect(contentsOf(file).data.length).toBeGreaterThan(100_000);
    const filled = statSync(file);

    await create(env);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([
      filled.ino,
      filled.mtimeMs,
      filled.size,
    ]);
  });

  it("data V8 refuses is used by no one and replaced after a successful run", async () => {
    const env = await loggedInEnv(ctx.server);
    await create(env);
    await create(env);
    const file = cacheFile(env) as string;
    const { chunks, source, data } = contentsOf(file);
    const garbage = Buffer.alloc(data.length, 0x5a);
    writeFileSync(file, encodeCodeCache({ chunks, source, data: garbage }));

    await create(env);
    const repaired = contentsOf(file);
    expect(repaired.chunks).toEqual(chunks);
    expect(repaired.data.length).toBeGreaterThan(100_000);
    expect(repaired.data.equals(garbage)).toBe(false);
  });

  it("a damaged file does not stop the command", async () => {
    const env = await loggedInEnv(ctx.server);
    await create(env);
    writeFileSync(cacheFile(env) as string, "\u0000garbage");
    await create(env);
    expect(contentsOf(cacheFile(env) as string).chunks).toContain("main.js");
  });

  it("concurrent first and second runs all succeed and leave one sound file", async () => {
    const env = await loggedInEnv(ctx.server);
    await Promise.all(Array.from({ length: 6 }, () => create(env)));
    await Promise.all(Array.from({ length: 6 }, () => create(env)));
    const file = cacheFile(env) as string;
    expect(contentsOf(file).chunks).toContain("main.js");
    expect(contentsOf(file).data.length).toBeGreaterThan(100_000);
    expect(readdirSync(join(file, ".."))).toEqual(["service-token-create.bin"]);
  });

  it("a failed command writes nothing", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runCli(["service-token", "create", "--projectId", "p"], { env });
    expect(result.code).toBe(2);
    expect(cacheFile(env)).toBeUndefined();
  });

  it("INFISICAL_DISABLE_CODE_CACHE=1 writes nothing", async () => {
    const env = { ...(await loggedInEnv(ctx.server)), INFISICAL_DISABLE_CODE_CACHE: "1" };
    await create(env);
    await create(env);
    expect(cacheFile(env)).toBeUndefined();
  });

  it("a cache directory that cannot be made is no error", async () => {
    const env = await loggedInEnv(ctx.server);
    writeFileSync(join(env.HOME as string, ".cache"), "a file where the directory would be");
    await create(env);
    await create(env);
  });

  it("INFISICAL_CACHE_DIR moves it", async () => {
    const base = await loggedInEnv(ctx.server);
    const env = { ...base, INFISICAL_CACHE_DIR: join(base.HOME as string, "elsewhere") };
    await create(env);
    expect(cacheFile(env)).toBeUndefined();
    expect(readdirSync(join(env.INFISICAL_CACHE_DIR, "code"))).toHaveLength(1);
  });
});
