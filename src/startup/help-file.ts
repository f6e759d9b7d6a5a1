/**
 * The help texts commander printed at build time (scripts/build.mjs writes them to
 * dist/chunks/help.json; the single executable carries them as an asset). Read only to answer
 * help, so that other commands do not compile 45 KB of text at start.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
export const HELP_FILE = "help.json";

/** The texts by topic, or undefined when the file is missing or damaged (the slow path answers). */
export function readHelpTexts(): Record<string, string> | undefined {
  try {
    const text = __INFISICAL_BUILD__.singleExecutable
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require("node:sea") as typeof import("node:sea")).getAsset(HELP_FILE, "utf8")
      : readFileSync(join(__dirname, "chunks", HELP_FILE), "utf8");
    const texts = JSON.parse(text) as unknown;
    return typeof texts === "object" && texts !== null
      ? (texts as Record<string, string>)
      : undefined;
  } catch {
    return undefined;
  }
}
