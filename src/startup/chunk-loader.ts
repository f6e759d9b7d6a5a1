/**
 * Runs the program's chunks (CommonJS text made by scripts/build.mjs from esbuild's split ES
 * modules, each already inside the function wrapper below) through vm.Script, which can take and make V8 code cache data: Node 20's own module
 * loaders cannot. A chunk's require("./chunk-….js") loads another chunk, once, on first use;
 * anything else is Node's require (the bundles only ask for Node's built-in modules).
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
  read(name: string): string;
  /** Shown in stack traces. */
  filename(name: string): string;
}

export function createChunkLoader(
  source: ChunkSource,
  nodeRequire: (id: string) => unknown,
  cache: CodeCache | undefined,
): (name: string) => unknown {
  const modules = new Map<string, { exports: unknown }>();

  const requireFromChunk = (id: string): unknown => {
    const name = id.startsWith("./") ? id.slice(2) : "";
    return source.names.has(name) ? load(name) : nodeRequire(id);
  };

  function load(name: string): unknown {
    const loaded = modules.get(name);
    if (loaded) return loaded.exports;
    // The build wrote the wrapper into the file: the text is compiled as read,
    // without a second 300 KB copy for the garbage collector to sweep.
    const script = new Script(source.read(name), {
      filename: source.filename(name),
      cachedData: cache?.dataFor(name),
    });
    cache?.compiled(name, script);
    const module = { exports: {} };
    // Registered before it runs, so that chunks requiring each other see one instance.
    modules.set(name, module);
    (script.runInThisContext() as ChunkFunction)(module.exports, requireFromChunk, module);
    return module.exports;
  }

  return load;
}
