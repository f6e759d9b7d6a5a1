/**
 * The code cache file of a command: the chunks it loaded, in the order it loaded them, and V8's
 * cached data for those chunks compiled together as one script (see chunk-loader.ts). Layout:
 * MAGIC, a 4-byte little-endian index length, the index (JSON {"chunks": [names]}), then the
 * data (none yet after a command's first run, which only records what it loaded).
 */
const MAGIC = Buffer.from("infisical-ts code cache 2\n");

export interface CodeCacheContents {
  chunks: string[];
  /** Empty when the chunks are known but no data was taken yet. */
  data: Buffer;
}

export function encodeCodeCache({ chunks, data }: CodeCacheContents): Buffer {
  const index = Buffer.from(JSON.stringify({ chunks }));
  const indexLength = Buffer.alloc(4);
  indexLength.writeUInt32LE(index.length);
  return Buffer.concat([MAGIC, indexLength, index, data]);
}

/** The contents of a code cache file, or undefined when it is not one (damaged, cut short, older). */
export function decodeCodeCache(file: Buffer): CodeCacheContents | undefined {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return;
  const indexStart = MAGIC.length + 4;
  const indexEnd = indexStart + file.readUInt32LE(MAGIC.length);
  if (indexEnd > file.length) return;
  let index: unknown;
  try {
    index = JSON.parse(file.subarray(indexStart, indexEnd).toString("utf8"));
  } catch {
    return;
  }
  const chunks = (index as { chunks?: unknown } | null)?.chunks;
  if (!Array.isArray(chunks) || !chunks.every((name) => typeof name === "string")) return;
  return { chunks: chunks as string[], data: file.subarray(indexEnd) };
}
