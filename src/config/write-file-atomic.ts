import { randomBytes } from "node:crypto";
import { forgetOnExit, removeOnExit } from "./exit-cleanup.js";
import { retryBusy } from "./retry-busy.js";

/**
 * Writes a temporary file beside the target (0600), flushes it, then renames it over the target
 * (again while Windows refuses because someone holds the target open). On any failure the
 * temporary file is removed: it may hold session tokens.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const { chmod, open, rename, rm } = await import("node:fs/promises");
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  removeOnExit(temp);
  try {
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await retryBusy(() => rename(temp, file));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    forgetOnExit(temp);
  }
}
