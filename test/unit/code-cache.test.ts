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
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { cacheDir, configDir } from "../../src/config/paths.js";
import { decodeCodeCache, encodeCodeCache } from "../../src/startup/code-cache-file.js";
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
  const entries = new Map([
    ["main.js", Buffer.from("first")],
    ["chunk-A.js", Buffer.alloc(0)],
    ["chunk-B.js", Buffer.from([0, 1, 2, 255])],
  ]);

  it("reads back what it wrote", () => {
    expect(decodeCodeCache(encodeCodeCache(entries))).toEqual(entries);
    expect(decodeCodeCache(encodeCodeCache(new Map()))).toEqual(new Map());
  });

  it("refuses a file that is cut short, too long, or not one", () => {
    const file = encodeCodeCache(entries);
    expect(decodeCodeCache(file.subarray(0, file.length - 1))).toBeUndefined();
    expect(decodeCodeCache(Buffer.concat([file, Buffer.from("x")]))).toBeUndefined();
    expect(decodeCodeCache(file.subarray(0, 10))).toBeUndefined();
    expect(decodeCodeCache(Buffer.from("something else entirely"))).toBeUndefined();
    const badIndex = Buffer.from(file);
    badIndex.write("{", file.indexOf("[["));
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

describe("openCodeCache", () => {
  const source = "(function () { return [1, 2, 3].map((n) => n * 2).length; })";
  // A file name of its own each time, so that V8's in-process compilation cache cannot answer
  // (a start-up is a new process) and the cached data is really used or refused.
  let compilations = 0;
  const compile = (cachedData?: Buffer) =>
    new Script(source, { filename: `chunk-${(compilations += 1)}.js`, cachedData });

  /** One start-up of a command: open, compile and run the chunk, save. */
  function start(env: NodeJS.ProcessEnv, shipped?: Buffer) {
    const cache = openCodeCache(env, "build1", "service-token create", shipped);
    const data = cache?.dataFor("main.js");
    const script = compile(data);
    (script.runInThisContext() as () => number)();
    cache?.compiled("main.js", script);
    cache?.save();
    return { cache, data, rejected: script.cachedDataRejected };
  }

  const fileOf = (dir: string, env: NodeJS.ProcessEnv = {}) =>
    join(codeCacheDir({ ...env, INFISICAL_CACHE_DIR: dir }, "build1"), "service-token-create.bin");

  it("first run leaves a marker, the second the data, the third uses it and writes nothing", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };

    expect(start(env).data).toBeUndefined();
    expect(decodeCodeCache(readFileSync(fileOf(dir)))).toEqual(new Map());

    expect(start(env).data).toBeUndefined();
    const written = decodeCodeCache(readFileSync(fileOf(dir)));
    expect(written?.get("main.js")?.length).toBeGreaterThan(0);
    const before = statSync(fileOf(dir));
    expect(before.mode & 0o777).toBe(0o600);
    expect(statSync(join(fileOf(dir), "..")).mode & 0o777).toBe(0o700);

    const third = start(env);
    expect(third.data?.length).toBeGreaterThan(0);
    expect(third.rejected).toBe(false);
    const after = statSync(fileOf(dir));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(readdirSync(join(fileOf(dir), ".."))).toEqual(["service-token-create.bin"]);
  });

  it("data V8 refuses is replaced", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    writeFileSync(fileOf(dir), encodeCodeCache(new Map([["main.js", Buffer.alloc(64, 7)]])));
    expect(start(env).rejected).toBe(true);
    const third = start(env);
    expect(third.rejected).toBe(false);
  });

  it("a damaged file is replaced", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    writeFileSync(fileOf(dir), "not a cache");
    expect(start(env).data).toBeUndefined();
    expect(start(env).rejected).toBe(false);
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
    expect(decodeCodeCache(readFileSync(fileOf(dir)))?.size).toBe(0);
    expect(decodeCodeCache(readFileSync(fileOf(dir, otherOptions)))?.size).toBe(1);
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
    const first = start({ INFISICAL_CACHE_DIR: dir }, shipped);
    expect(first.data?.length).toBeGreaterThan(0);
    expect(first.rejected).toBe(false);
    expect(readdirSync(dir)).toEqual([]);

    // Shipped data that cannot be used, or that V8 refuses (made under other Node options), is
    // as if there were none: a first run, which leaves only the marker.
    expect(start({ INFISICAL_CACHE_DIR: dir }, Buffer.from("junk")).data).toBeUndefined();
    expect(decodeCodeCache(readFileSync(fileOf(dir)))?.size).toBe(0);
    const other = tempDir();
    const refused = encodeCodeCache(new Map([["main.js", Buffer.alloc(64, 7)]]));
    expect(start({ INFISICAL_CACHE_DIR: other }, refused).rejected).toBe(true);
    expect(decodeCodeCache(readFileSync(fileOf(other)))?.size).toBe(0);
    // And the user's own file, once there, comes first.
    writeFileSync(fileOf(dir), encodeCodeCache(new Map([["main.js", Buffer.alloc(8, 1)]])));
    expect(start({ INFISICAL_CACHE_DIR: dir }, shipped).data).toEqual(Buffer.alloc(8, 1));
  });

  it("a write that fails throws nothing and leaves the old file", () => {
    const dir = tempDir();
    const env = { INFISICAL_CACHE_DIR: dir };
    start(env);
    // Something in the way of the temporary file: writing it fails, and so does removing it.
    mkdirSync(`${fileOf(dir)}.${process.pid}.tmp`);
    expect(() => start(env)).not.toThrow();
    expect(decodeCodeCache(readFileSync(fileOf(dir)))?.size).toBe(0);
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
