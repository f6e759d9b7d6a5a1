import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cacheDir, configDir } from "../../src/config/paths.js";
import { decodeCodeCache, encodeCodeCache } from "../../src/startup/code-cache-file.js";
import { createChunkLoader, type ChunkSource } from "../../src/startup/chunk-loader.js";
import { codeCacheDir, codeCacheDisabled, openCodeCache } from "../../src/startup/code-cache.js";
import { commandKey } from "../../src/startup/command-key.js";
import { tempDir } from "../helpers/env.js";

const COMMANDS = new Set(["service-token", "service-token create", "service-token list", "login"]);

describe("commandKey", () => {
  it.each([
    [["service-token", "create", "-s", "dev:/"], "service-token create"],
    [["--domain", "http://x", "service-token", "create"], "service-token create"],
    [["service-token", "--json", "list"], "service-token list"],
    [["login", "--email", "login"], "login"],
    [["service-token"], "service-token"],
    [["create"], ""],
    [["--", "login"], ""],
    [[], ""],
  ])("%j -> %j", (args, key) => {
    expect(commandKey(args, COMMANDS)).toBe(key);
  });
});

describe("code cache file", () => {
  const contents = {
    chunks: ["main.js", "chunk-A.js"],
    source: '[(function () {\n}), (function () { return "é"; })]',
    data: Buffer.from([0, 1, 2, 255]),
  };

  it("reads back what it wrote, with or without text and data", () => {
    expect(decodeCodeCache(encodeCodeCache(contents))).toEqual(contents);
    const listOnly = { chunks: ["main.js"], source: "", data: Buffer.alloc(0) };
    expect(decodeCodeCache(encodeCodeCache(listOnly))).toEqual(listOnly);
  });

  it("refuses a file that is cut short in its index, of another format, or not one", () => {
    const file = encodeCodeCache(contents);
    expect(decodeCodeCache(file.subarray(0, 40))).toBeUndefined();
    expect(decodeCodeCache(file.subarray(0, file.indexOf("[(") + 5))).toBeUndefined();
    expect(decodeCodeCache(file.subarray(0, 10))).toBeUndefined();
    expect(decodeCodeCache(Buffer.from("something else entirely"))).toBeUndefined();
    const older = Buffer.from(file);
    older.write("1", older.indexOf("2\n"));
    expect(decodeCodeCache(older)).toBeUndefined();
    const badIndex = Buffer.from(file);
    badIndex.write("[", file.indexOf("{"));
    expect(decodeCodeCache(badIndex)).toBeUndefined();
  });
});

describe("cache directory", () => {
  it("INFISICAL_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache; apart from the config", () => {
    expect(cacheDir({ INFISICAL_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/c");
    expect(cacheDir({ XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe("/x/infisical-ts");
    expect(cacheDir({ HOME: "/h" })).toBe("/h/.cache/infisical-ts");
    expect(configDir({ HOME: "/h" })).toBe("/h/.config/infisical-ts");
  });

  it("INFISICAL_DISABLE_CODE_CACHE turns it off", () => {
    expect(codeCacheDisabled({})).toBe(false);
    expect(codeCacheDisabled({ INFISICAL_DISABLE_CODE_CACHE: "0" })).toBe(false);
    expect(codeCacheDisabled({ INFISICAL_DISABLE_CODE_CACHE: "false" })).toBe(false);
    expect(codeCacheDisabled({ INFISICAL_DISABLE_CODE_CACHE: "1" })).toBe(true);
    expect(codeCacheDisabled({ INFISICAL_DISABLE_CODE_CACHE: "yes" })).toBe(true);
  });
});

describe("openCodeCache with the chunk loader", () => {
  const wrap = (body: string) => `(function (exports, require, module) {${body}\n})`;
  const CHUNKS: Record<string, string> = {
    "main.js": wrap(`module.exports = { run: () => require("./chunk-a.js").double(21) };`),
    "chunk-a.js": wrap(`exports.double = (n) => [n].map((m) => m * 2)[0];`),
    "chunk-b.js": wrap(`exports.other = () => "b";`),
  };
  const packText = (names: string[]) => `[${names.map((name) => CHUNKS[name]).join(",\n")}]`;
  const nodeRequire = createRequire(import.meta.url);
  // A file name of its own each time, so that V8's in-process compilation cache cannot answer
  // (a start-up is a new process) and the cached data is really used or refused.
  let starts = 0;

  /** One start-up of a command: open the cache, load main.js (and `also`), run, save. */
  function start(env: NodeJS.ProcessEnv, options: { shipped?: Buffer; also?: string[] } = {}) {
    const cache = openCodeCache(env, "build1", "service-token create", options.shipped);
    const dir = `/start-${(starts += 1)}`;
    const reads: string[] = [];
    const source: ChunkSource = {
      names: new Set(Object.keys(CHUNKS)),
      read: (name) => {
        reads.push(name);
        return CHUNKS[name] as string;
      },
      filename: (name) => `${dir}/${name}`,
    };
    const load = createChunkLoader(source, nodeRequire, cache);
    const result = (load("main.js") as { run(): number }).run();
    for (const name of options.also ?? []) load(name);
    cache?.save();
    return { pack: cache?.pack, result, reads };
  }

  const fileOf = (dir: string, env: NodeJS.ProcessEnv = {}) =>
    join(codeCacheDir({ ...env, INFISICAL_CACHE_DIR: dir }, "build1"), "service-token-create.bin");
  const contentsOf = (file: string) => decodeCodeCache(readFileSync(file));
  const stamp = (file: string) => {
    const stats = statSync(file);
    return [stats.ino, stats.mtimeMs, stats.size];
  };

  it("the first run records the chunks, the second takes data for them as one script, the third only reads", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };

    const first = start(env);
    expect(first.result).toBe(42);
    expect(first.pack).toBeUndefined();
    expect(contentsOf(fileOf(dir))).toEqual({
      chunks: ["main.js", "chunk-a.js"],
      source: "",
      data: Buffer.alloc(0),
    });

    const second = start(env);
    expect(second.result).toBe(42);
    expect(second.pack).toEqual({
      chunks: ["main.js", "chunk-a.js"],
      source: undefined,
      data: undefined,
    });
    expect(second.reads).toEqual(["main.js", "chunk-a.js"]);
    expect(contentsOf(fileOf(dir))?.source).toBe(packText(["main.js", "chunk-a.js"]));
    expect(contentsOf(fileOf(dir))?.data.length).toBeGreaterThan(0);
    expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(fileOf(dir), "..")).mode & 0o777).toBe(0o700);
    const filled = stamp(fileOf(dir));

    const third = start(env);
    expect(third.result).toBe(42);
    expect(third.pack?.data?.length).toBeGreaterThan(0);
    // One file to read: the text of the pack is kept with its data.
    expect(third.reads).toEqual([]);
    expect(stamp(fileOf(dir))).toEqual(filled);
    expect(readdirSync(join(fileOf(dir), ".."))).toEqual(["service-token-create.bin"]);
  });

  it("a run that loads a chunk outside the pack records the longer list; the next takes its data", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    start(env);
    start(env, { also: ["chunk-b.js"] });
    expect(contentsOf(fileOf(dir))).toEqual({
      chunks: ["main.js", "chunk-a.js", "chunk-b.js"],
      source: "",
      data: Buffer.alloc(0),
    });
    start(env);
    const filled = stamp(fileOf(dir));
    expect(contentsOf(fileOf(dir))?.data.length).toBeGreaterThan(0);
    start(env, { also: ["chunk-b.js"] });
    expect(stamp(fileOf(dir))).toEqual(filled);
  });

  it("data V8 refuses is replaced", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    const chunks = ["main.js", "chunk-a.js"];
    const garbage = { chunks, source: packText(chunks), data: Buffer.alloc(64, 7) };
    writeFileSync(fileOf(dir), encodeCodeCache(garbage));
    expect(start(env).result).toBe(42);
    const replaced = contentsOf(fileOf(dir));
    expect(replaced?.data.length).toBeGreaterThan(0);
    expect(replaced?.data.equals(garbage.data)).toBe(false);
    const filled = stamp(fileOf(dir));
    start(env);
    expect(stamp(fileOf(dir))).toEqual(filled);
  });

  it("a damaged file, or a list naming chunks this build lacks, is replaced by what loaded", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    writeFileSync(fileOf(dir), "not a cache");
    expect(start(env).result).toBe(42);
    expect(contentsOf(fileOf(dir))?.chunks).toEqual(["main.js", "chunk-a.js"]);
    writeFileSync(
      fileOf(dir),
      encodeCodeCache({ chunks: ["main.js", "chunk-gone.js"], source: "", data: Buffer.alloc(0) }),
    );
    expect(start(env).result).toBe(42);
    expect(contentsOf(fileOf(dir))?.chunks).toEqual(["main.js", "chunk-a.js"]);
  });

  it("a directory others can write to is neither read nor written", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    start(env);
    chmodSync(join(fileOf(dir), ".."), 0o777);
    expect(openCodeCache(env, "build1", "service-token create")).toBeUndefined();
  });

  it("runs under other Node options keep their own", () => {
    const dir = tempDir();
    const otherOptions = { NODE_OPTIONS: "--max-old-space-size=4096" };
    start({ INFISICAL_CACHE_DIR: dir });
    start({ INFISICAL_CACHE_DIR: dir, ...otherOptions });
    start({ INFISICAL_CACHE_DIR: dir, ...otherOptions });
    expect(fileOf(dir, otherOptions)).not.toBe(fileOf(dir));
    expect(contentsOf(fileOf(dir))?.data.length).toBe(0);
    expect(contentsOf(fileOf(dir, otherOptions))?.data.length).toBeGreaterThan(0);
  });

  it("a new build's cache removes caches nobody wrote to for 30 days", () => {
    const dir = tempDir();
    const code = join(dir, "code");
    const old = join(code, "oldbuild-v20.0.0-x64");
    const recent = join(code, "otherbuild-v22.0.0-x64");
    mkdirSync(old, { recursive: true });
    mkdirSync(recent);
    const monthAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    utimesSync(old, monthAgo, monthAgo);
    start({ INFISICAL_CACHE_DIR: dir });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(fileOf(dir))).toBe(true);
  });

  it("a cache shipped with the build serves a first run, and nothing is written", () => {
    const made = tempDir();
    start({ INFISICAL_CACHE_DIR: made });
    start({ INFISICAL_CACHE_DIR: made });
    const shipped = readFileSync(fileOf(made));

    const dir = tempDir();
    const first = start({ INFISICAL_CACHE_DIR: dir }, { shipped });
    expect(first.pack?.data?.length).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);

    // Shipped data that cannot be used, or that V8 refuses (made under other Node options), is
    // as if there were none: a first run, which records the chunks and takes no data.
    expect(
      start({ INFISICAL_CACHE_DIR: dir }, { shipped: Buffer.from("junk") }).pack,
    ).toBeUndefined();
    expect(contentsOf(fileOf(dir))?.data.length).toBe(0);
    const other = tempDir();
    const refused = encodeCodeCache({
      chunks: ["main.js", "chunk-a.js"],
      source: packText(["main.js", "chunk-a.js"]),
      data: Buffer.alloc(64, 7),
    });
    expect(start({ INFISICAL_CACHE_DIR: other }, { shipped: refused }).result).toBe(42);
    expect(contentsOf(fileOf(other))).toEqual({
      chunks: ["main.js", "chunk-a.js"],
      source: "",
      data: Buffer.alloc(0),
    });
    // And the user's own file, once there, comes first.
    const own = { chunks: ["main.js"], source: packText(["main.js"]), data: Buffer.alloc(8, 1) };
    writeFileSync(fileOf(dir), encodeCodeCache(own));
    expect(start({ INFISICAL_CACHE_DIR: dir }, { shipped }).pack).toEqual(own);
  });

  it("a write that fails throws nothing and leaves the old file", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    // Something in the way of the temporary file: writing it fails, and so does removing it.
    mkdirSync(`${fileOf(dir)}.${process.pid}.tmp`);
    expect(() => start(env)).not.toThrow();
    expect(contentsOf(fileOf(dir))?.data.length).toBe(0);
  });

  it("is off when disabled", () => {
    const dir = tempDir();
    expect(
      openCodeCache(
        { INFISICAL_CACHE_DIR: dir, INFISICAL_DISABLE_CODE_CACHE: "1" },
        "build1",
        "login",
      ),
    ).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("where files live, by platform", () => {
  const facts = (platform: NodeJS.Platform, existing: string[] = []) => ({
    platform,
    home: platform === "win32" ? "C:\\Users\\me" : "/home/me",
    exists: (path: string) => existing.includes(path),
  });
  const windowsEnv = {
    APPDATA: "C:\\Users\\me\\AppData\\Roaming",
    LOCALAPPDATA: "C:\\Users\\me\\AppData\\Local",
    // Git Bash sets HOME; the profile is what counts on Windows.
    HOME: "/c/Users/me",
  };
  it.each([
    ["linux", {}, [], "/home/me/.config/infisical-ts", "/home/me/.cache/infisical-ts"],
    [
      "darwin",
      { HOME: "/Users/me" },
      [],
      "/Users/me/.config/infisical-ts",
      "/Users/me/.cache/infisical-ts",
    ],
    [
      "win32",
      windowsEnv,
      [],
      "C:\\Users\\me\\AppData\\Roaming\\infisical-ts",
      "C:\\Users\\me\\AppData\\Local\\infisical-ts",
    ],
    [
      "win32",
      {},
      [],
      "C:\\Users\\me\\AppData\\Roaming\\infisical-ts",
      "C:\\Users\\me\\AppData\\Local\\infisical-ts",
    ],
    [
      // An earlier version's login under ~/.config is read until the new place exists.
      "win32",
      { ...windowsEnv, HOME: undefined },
      ["C:\\Users\\me\\.config\\infisical-ts"],
      "C:\\Users\\me\\.config\\infisical-ts",
      "C:\\Users\\me\\AppData\\Local\\infisical-ts",
    ],
    [
      "win32",
      { ...windowsEnv, XDG_CONFIG_HOME: "D:\\xdg", INFISICAL_CACHE_DIR: "E:\\c" },
      [],
      "D:\\xdg\\infisical-ts",
      "E:\\c",
    ],
  ] as const)(
    "%s %j (existing %j): config %s, cache %s",
    (platform, env, existing, config, cache) => {
      expect(configDir(env, facts(platform, [...existing]))).toBe(config);
      expect(cacheDir(env, facts(platform, [...existing]))).toBe(cache);
    },
  );
});
