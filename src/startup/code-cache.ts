/**
 * A per-command cache of V8's compiled code for the program's chunks, in the user's cache
 * directory (Node 22 has module.enableCompileCache for this; Node 20 does not). The data is
 * taken when a successful run ends, so it holds every function that run compiled, not just the
 * top level: with it a create starts about 20 ms sooner (docs/benchmarks.md). V8 refuses data
 * from another V8 or another source length; the directory name holds the build's content hash
 * and Node's version, so data is only ever offered for the exact source it came from.
 */
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { Script } from "node:vm";
import { modesMeanSomething } from "../config/file-modes.js";
import { cacheDir } from "../config/paths.js";
import { decodeCodeCache, encodeCodeCache } from "./code-cache-file.js";

/** Caches of other builds or Node versions that nobody wrote to for this long are removed. */
const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

export interface CodeCache {
  /** The cached data for a chunk, if this command has some. */
  dataFor(chunk: string): Buffer | undefined;
  /** Notes a chunk compiled in this run, with or without cached data. */
  compiled(chunk: string, script: Script): void;
  /** Writes the cache if this run compiled something it lacked. Never throws. */
  save(): void;
}

export function codeCacheDisabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.INFISICAL_DISABLE_CODE_CACHE?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/**
 * Data that runs as code is only taken from a directory that no one else can write to. Owner
 * and mode are not checked on Windows, where they do not mean the same.
 */
function isPrivateDirectory(path: string): boolean {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return false;
  if (!modesMeanSomething(process.platform)) return true;
  return stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
}

function removeUnusedCaches(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path !== keep && Date.now() - statSync(path).mtimeMs > UNUSED_FOR_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

/**
 * V8 also refuses data made under other V8 flags, so runs with other Node options (NODE_OPTIONS
 * in some CI jobs only, say) keep a cache of their own instead of replacing each other's.
 */
function nodeOptionsTag(env: NodeJS.ProcessEnv): string {
  const options = [...process.execArgv, env.NODE_OPTIONS ?? ""].join(" ").trim();
  if (!options) return "";
  let hash = 0x811c9dc5; // FNV-1a: short and stable is all a directory name needs.
  for (let i = 0; i < options.length; i += 1)
    hash = Math.imul(hash ^ options.charCodeAt(i), 0x01000193) >>> 0;
  return `-${hash.toString(16)}`;
}

/** Where the code caches of one build, under this Node and these options, are kept. */
export function codeCacheDir(env: NodeJS.ProcessEnv, buildId: string): string {
  const name = `${buildId}-${process.version}-${process.arch}${nodeOptionsTag(env)}`;
  return join(cacheDir(env), "code", name);
}

/** The cache file's name for a command path ("service-token create" -> service-token-create.bin). */
export function codeCacheFileName(command: string): string {
  return `${command.replaceAll(" ", "-") || "infisical"}.bin`;
}

/**
 * The user's cache file for a command: its entries (none when damaged: a damaged file still
 * says the command ran before), "none" when there is no file yet, "unsafe" when the directory
 * is not private.
 */
function readOwnCache(dir: string, file: string): Map<string, Buffer> | "none" | "unsafe" {
  try {
    if (!lstatSync(dir, { throwIfNoEntry: false })) return "none";
    if (!isPrivateDirectory(dir)) return "unsafe";
    return decodeCodeCache(readFileSync(file)) ?? new Map();
  } catch {
    return "none";
  }
}

/** Writes the cache file through a temporary file and a rename. Never throws. */
function writeOwnCache(dir: string, file: string, entries: () => Map<string, Buffer>): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(dir)) return;
    if (created !== undefined) removeUnusedCaches(dirname(dir), dir);
    writeFileSync(temp, encodeCodeCache(entries()), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only means that the next start is not faster; a partly
    // written temporary file (a full disk) is not left behind, if it can be helped.
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done, and the command itself has succeeded.
    }
  }
}

/**
 * The code cache for one command of one build, or undefined when it is off or unsafe to use.
 * `shipped` is a cache file made at build time (the single executable carries one per common
 * command): used when the user has none yet, so that even a first run starts fast.
 */
export function openCodeCache(
  env: NodeJS.ProcessEnv,
  buildId: string,
  command: string,
  shipped?: Buffer,
): CodeCache | undefined {
  if (codeCacheDisabled(env)) return undefined;
  const dir = codeCacheDir(env, buildId);
  const file = join(dir, codeCacheFileName(command));
  const own = readOwnCache(dir, file);
  if (own === "unsafe") return undefined;

  // A first run leaves only an empty file: a CLI run once in a throw-away CI job should not pay
  // for taking the data (about 15 ms). The second run takes it.
  const seenBefore = own !== "none";
  // Shipped data serves as a file of the user's would: written over only if this run compiled
  // what it lacks. If V8 refuses it (other Node options), this is a first run after all.
  const shippedEntries = !seenBefore && shipped ? decodeCodeCache(shipped) : undefined;
  const stored = seenBefore ? own : (shippedEntries ?? new Map<string, Buffer>());
  let shippedRefused = false;
  let complete = seenBefore || shippedEntries !== undefined;

  const scripts = new Map<string, Script>();
  return {
    dataFor: (chunk) => stored.get(chunk),
    compiled(chunk, script) {
      scripts.set(chunk, script);
      const refused = script.cachedDataRejected === true;
      if (!stored.has(chunk) || refused) complete = false;
      if (shippedEntries && refused) shippedRefused = true;
    },
    save() {
      if (complete) return;
      const takeData = seenBefore || (shippedEntries !== undefined && !shippedRefused);
      writeOwnCache(dir, file, () => {
        const entries = new Map<string, Buffer>();
        if (!takeData) return entries;
        for (const [chunk, data] of stored) entries.set(chunk, data);
        for (const [chunk, script] of scripts) entries.set(chunk, script.createCachedData());
        return entries;
      });
    },
  };
}
