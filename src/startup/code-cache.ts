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
import { decodeCodeCache, encodeCodeCache, type CodeCacheContents } from "./code-cache-file.js";

/** Caches of other builds or Node versions that nobody wrote to for this long are removed. */
const UNUSED_FOR_MS = 30 * 24 * 60 * 60 * 1000;

export interface CodeCache {
  /**
   * The chunks this command loaded when it last ran, to be compiled together as one script,
   * and V8's data for that script when it was taken (undefined until then).
   */
  readonly pack:
    { chunks: readonly string[]; source: string | undefined; data: Buffer | undefined } | undefined;
  /** Notes the pack's script and its text, compiled with or without the data. */
  compiledPack(script: Script, source: string): void;
  /** Notes a chunk this run loaded, in or out of the pack, in the order they load. */
  loaded(chunk: string): void;
  /** Writes the cache if this run learned something. Never throws. */
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
 * The user's cache file for a command: its contents (none when damaged or of an older format:
 * such a file still says the command ran before), "none" when there is no file yet, "unsafe"
 * when the directory is not private.
 */
function readOwnCache(
  dir: string,
  file: string,
): CodeCacheContents | undefined | "none" | "unsafe" {
  try {
    if (!lstatSync(dir, { throwIfNoEntry: false })) return "none";
    if (!isPrivateDirectory(dir)) return "unsafe";
    return decodeCodeCache(readFileSync(file));
  } catch {
    return "none";
  }
}

/** Writes the cache file through a temporary file and a rename. Never throws. */
function writeOwnCache(dir: string, file: string, contents: () => CodeCacheContents): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDirectory(dir)) return;
    if (created !== undefined) removeUnusedCaches(dirname(dir), dir);
    writeFileSync(temp, encodeCodeCache(contents()), { mode: 0o600 });
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
 *
 * Runs of a command: the first records which chunks it loaded (taking V8's data costs about
 * 15 ms, which a CLI run once in a throw-away CI job should not pay); the second compiles those
 * chunks as one script and takes its data when it ends; later runs only read it. One script
 * instead of twenty saves V8 about 1 ms of fixed costs per start. A run that loads a chunk the
 * pack lacks (other flags, another path) records the longer list, and the next run takes data
 * for it.
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

  const seenBefore = own !== "none";
  // Shipped data serves as a file of the user's would: written over only if this run learned
  // something. If V8 refuses it (other Node options), this is a first run after all.
  const shippedContents = !seenBefore && shipped ? decodeCodeCache(shipped) : undefined;
  const stored = seenBefore ? own : shippedContents;
  // Text and data are used together or not at all: data is for exactly the text it came with.
  const complete = stored !== undefined && stored.source !== "" && stored.data.length > 0;
  const pack =
    stored && stored.chunks.length > 0
      ? {
          chunks: stored.chunks,
          source: complete ? stored.source : undefined,
          data: complete ? stored.data : undefined,
        }
      : undefined;

  let packScript: Script | undefined;
  let packSource = "";
  const loaded: string[] = [];
  return {
    pack,
    compiledPack(script, source) {
      packScript = script;
      packSource = source;
    },
    loaded(chunk) {
      loaded.push(chunk);
    },
    save() {
      // The pack this run compiled (none when its chunks are not all of this build's).
      const compiled = packScript ? pack : undefined;
      const packed = new Set(compiled?.chunks);
      const outside = loaded.filter((chunk) => !packed.has(chunk));
      const dataUsed = compiled?.data !== undefined && packScript?.cachedDataRejected === false;
      if (compiled && outside.length === 0 && dataUsed) return;
      writeOwnCache(dir, file, () =>
        // The pack as it ran gets its data, unless this is the command's first run; a longer
        // list of chunks waits for the next run to take data for it.
        compiled && packScript && outside.length === 0 && seenBefore
          ? {
              chunks: [...compiled.chunks],
              source: packSource,
              data: packScript.createCachedData(),
            }
          : {
              chunks: [...(compiled?.chunks ?? []), ...outside],
              source: "",
              data: Buffer.alloc(0),
            },
      );
    },
  };
}
