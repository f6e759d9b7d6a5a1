import { unlinkSync } from "node:fs";

/**
 * Files that must not outlive the process if it ends half-way (Ctrl-C, SIGTERM, a crash): a
 * temporary file holding session tokens, a lock. Removed when the process exits; a file that
 * was renamed into place or removed normally is forgotten first.
 */
const pending = new Set<string>();
let installed = false;

export function removeOnExit(path: string): void {
  pending.add(path);
  if (installed) return;
  installed = true;
  process.once("exit", () => {
    for (const file of pending) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  });
}

export function forgetOnExit(path: string): void {
  pending.delete(path);
}
