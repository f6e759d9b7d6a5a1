import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/config/write-file-atomic.js";
import { tempDir } from "../helpers/env.js";

describe("writeFileAtomic", () => {
  it("replaces the file, 0600, and leaves nothing else behind", async () => {
    const dir = tempDir();
    const file = join(dir, "sessions.json");
    writeFileSync(file, "old");
    await writeFileAtomic(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["sessions.json"]);
  });

  it("removes its temporary file when the rename fails, and keeps the old file", async () => {
    const dir = tempDir();
    const target = join(dir, "target");
    mkdirSync(target); // a directory cannot be replaced by a file
    writeFileSync(join(target, "inside"), "kept");
    await expect(writeFileAtomic(target, "secret token")).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["target"]);
    expect(readFileSync(join(target, "inside"), "utf8")).toBe("kept");
  });

  it("removes its temporary file when the write itself fails", async () => {
    const dir = tempDir();
    // A failure after the temporary file was opened (here: content that cannot be written).
    await expect(writeFileAtomic(join(dir, "f"), 42 as unknown as string)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
