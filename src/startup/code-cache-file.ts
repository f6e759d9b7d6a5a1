/**
 * The code cache file: V8's cached data for each chunk a command loaded, in one file so that a
 * start-up reads one file. Layout: MAGIC, a 4-byte little-endian index length, the index (JSON
 * [name, byte length] pairs, in order), then the data of each chunk back to back.
 */
const MAGIC = Buffer.from("infisical-ts code cache 1\n");

export function encodeCodeCache(entries: ReadonlyMap<string, Buffer>): Buffer {
  const index = Buffer.from(
    JSON.stringify([...entries].map(([name, data]) => [name, data.length])),
  );
  const indexLength = Buffer.alloc(4);
  indexLength.writeUInt32LE(index.length);
  return Buffer.concat([MAGIC, indexLength, index, ...entries.values()]);
}

/** The entries of a code cache file, or undefined when it is not one (damaged, cut short). */
export function decodeCodeCache(file: Buffer): Map<string, Buffer> | undefined {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return;
  const indexStart = MAGIC.length + 4;
  const indexEnd = indexStart + file.readUInt32LE(MAGIC.length);
  let index: unknown;
  try {
    index = JSON.parse(file.subarray(indexStart, indexEnd).toString("utf8"));
  } catch {
    return;
  }
  if (!Array.isArray(index)) return;
  const entries = new Map<string, Buffer>();
  let offset = indexEnd;
  for (const entry of index) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || !Number.isSafeInteger(entry[1]))
      return;
    const [name, length] = entry as [string, number];
    if (length < 0 || offset + length > file.length) return;
    entries.set(name, file.subarray(offset, offset + length));
    offset += length;
  }
  return offset === file.length ? entries : undefined;
}
