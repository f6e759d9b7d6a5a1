/**
 * The code cache file of a command: the chunks it loaded, in the order it loaded them, their
 * texts as the one script they are compiled as (see chunk-loader.ts), and V8's cached data for
 * that script. Layout: MAGIC, a 4-byte little-endian index length, the index (JSON {"chunks":
 * [names], "sourceLength": bytes}), the script's text, then the data. After a command's first
 * run only the chunks are known: no text, no data.
 */
const MAGIC = Buffer.from("infisical-ts code cache 2\n");

export interface CodeCacheContents {
  chunks: string[];
  /** The pack's text ("" until data was taken): one file to read instead of one per chunk. */
  source: string;
  /** Empty when the chunks are known but no data was taken yet. */
  data: Buffer;
}

export function encodeCodeCache({ chunks, source, data }: CodeCacheContents): Buffer {
  const text = Buffer.from(source);
  const index = Buffer.from(JSON.stringify({ chunks, sourceLength: text.length }));
  const indexLength = Buffer.alloc(4);
  indexLength.writeUInt32LE(index.length);
  return Buffer.concat([MAGIC, indexLength, index, text, data]);
}

/** The contents of a code cache file, or undefined when it is not one (damaged, cut short, older). */
export function decodeCodeCache(file: Buffer): CodeCacheContents | undefined {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return;
  const indexStart = MAGIC.length + 4;
  const indexEnd = indexStart + file.readUInt32LE(MAGIC.length);
  if (indexEnd > file.length) return;
  let index: { chunks?: unknown; sourceLength?: unknown } | null;
  try {
    index = JSON.parse(file.subarray(indexStart, indexEnd).toString("utf8")) as typeof index;
  } catch {
    return;
  }
  const chunks = index?.chunks;
  const sourceLength = index?.sourceLength;
  if (!Array.isArray(chunks) || !chunks.every((name) => typeof name === "string")) return;
  if (!Number.isSafeInteger(sourceLength) || (sourceLength as number) < 0) return;
  const sourceEnd = indexEnd + (sourceLength as number);
  if (sourceEnd > file.length) return;
  return {
    chunks: chunks as string[],
    source: file.subarray(indexEnd, sourceEnd).toString("utf8"),
    data: file.subarray(sourceEnd),
  };
}
