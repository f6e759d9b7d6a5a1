/** Loads and runs the program (dist/chunks/main.js) with the code cache for the command given. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { run } from "../bin.js";
import { createChunkLoader, type ChunkSource } from "./chunk-loader.js";
import { codeCacheFileName, openCodeCache } from "./code-cache.js";
import { commandKey } from "./command-key.js";

/** Where the chunks are read from, and the code cache the build made for `command`, if any. */
function programFiles(command: string): { chunks: ChunkSource; shippedCache?: Buffer } {
  const names = new Set(__INFISICAL_BUILD__.chunks);
  if (__INFISICAL_BUILD__.singleExecutable) {
    // Inside a single executable the chunks, and code caches made when it was built, are its
    // assets (see buildSingleExecutable). Required here, not imported, because only the
    // executable needs it and older Node 20s lack it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sea = require("node:sea") as typeof import("node:sea");
    let shippedCache: Buffer | undefined;
    try {
      shippedCache = Buffer.from(sea.getAsset(`code-cache/${codeCacheFileName(command)}`));
    } catch {
      // No cache was made for this command at build time.
    }
    return {
      chunks: {
        names,
        read: (name) => sea.getAsset(name, "utf8"),
        filename: (name) => join(process.execPath, name),
      },
      shippedCache,
    };
  }
  const dir = join(__dirname, "chunks");
  return {
    chunks: {
      names,
      read: (name) => readFileSync(join(dir, name), "utf8"),
      filename: (name) => join(dir, name),
    },
  };
}

export function startProgram(argv: string[], commands: ReadonlySet<string>): void {
  const command = commandKey(argv.slice(2), commands);
  const { chunks, shippedCache } = programFiles(command);
  const cache = openCodeCache(process.env, __INFISICAL_BUILD__.id, command, shippedCache);
  if (cache) process.once("exit", (code) => code === 0 && cache.save());
  const load = createChunkLoader(chunks, require, cache);
  let program: { run: typeof run };
  try {
    program = load("main.js") as typeof program;
  } catch (error) {
    // A chunk is missing or unreadable: the files on disk are not the ones this entry was built with.
    process.stderr.write(
      `error: this installation of infisical-ts is incomplete or damaged: ${(error as Error).message}\n` +
        "  hint: reinstall it (npm install -g infisical-ts, or npm ci && npm run build in a checkout)\n",
    );
    process.exit(1);
  }
  program.run(argv);
}
