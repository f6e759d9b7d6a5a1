/**
 * Runs the program's chunks (CommonJS text made by scripts/build.mjs from esbuild's split ES
 * modules, each already inside the function wrapper below) through vm.Script, which can take and
 * make V8 code cache data: Node 20's own module loaders cannot. A chunk's require("./chunk-….js")
 * loads another chunk, once, on first use; anything else is Node's require (the bundles only ask
 * for Node's built-in modules).
 *
 * The chunks a command loaded when it last ran are compiled together, as one script with one
 * piece of cached data (code-cache.ts); a chunk outside that pack is compiled on its own.
 */
import { Script } from "node:vm";
import type { CodeCache } from "./code-cache.js";

type ChunkFunction = (
  exports: unknown,
  require: (id: string) => unknown,
  module: { exports: unknown },
) => void;

export interface ChunkSource {
  names: ReadonlySet<string>;
  /** A chunk's text: `(function (exports, require, module) {…\n})`, an expression. */
  read(name: string): string;
  /** Shown in stack traces. */
  filename(name: string): string;
}

/** Where stack traces place code of the pack (the chunks' texts as one array). */
export const PACK_FILENAME = "pack.js";

/** The pack's chunks compiled as one script: `[chunk, chunk, …]` evaluates to their functions. */
function compilePack(source: ChunkSource, cache: CodeCache): Map<string, ChunkFunction> {
  const pack = cache.pack;
  if (!pack || !pack.chunks.every((name) => source.names.has(name))) return new Map();
  // The text kept with the data, or the chunks' files (the run that takes the data).
  const text = pack.source ?? `[${pack.chunks.map((name) => source.read(name)).join(",\n")}]`;
  const script = new Script(text, {
    filename: source.filename(PACK_FILENAME),
    cachedData: pack.data,
  });
  cache.compiledPack(script, text);
  const functions = script.runInThisContext() as ChunkFunction[];
  return new Map(pack.chunks.map((name, i) => [name, functions[i] as ChunkFunction]));
}

export function createChunkLoader(
  source: ChunkSource,
  nodeRequire: (id: string) => unknown,
  cache: CodeCache | undefined,
): (name: string) => unknown {
  const modules = new Map<string, { exports: unknown }>();
  const packed = cache ? compilePack(source, cache) : new Map<string, ChunkFunction>();

  const requireFromChunk = (id: string): unknown => {
    const name = id.startsWith("./") ? id.slice(2) : "";
    return source.names.has(name) ? load(name) : nodeRequire(id);
  };

  function load(name: string): unknown {
    const loaded = modules.get(name);
    if (loaded) return loaded.exports;
    cache?.loaded(name);
    const run =
      packed.get(name) ??
      (new Script(source.read(name), {
        filename: source.filename(name),
      }).runInThisContext() as ChunkFunction);
    const module = { exports: {} };
    // Registered before it runs, so that chunks requiring each other see one instance.
    modules.set(name, module);
    run(module.exports, requireFromChunk, module);
    return module.exports;
  }

  return load;
}
