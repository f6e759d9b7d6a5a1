import type { ChalkInstance } from "chalk";
import type { OutputStream } from "../runtime.js";
import { visible } from "./visible.js";

/**
 * Narrative on stderr. Every message may quote server or file data, so its control characters
 * are made visible; the logger adds the colours itself (a caller never passes coloured text).
 */
export interface Logger {
  /** Narrative for a person; hidden by --silent. */
  notice(message: string): void;
  /** `✓ message`: something done; hidden by --silent. */
  success(message: string): void;
  /** `✗ message`: one part failed (the command's error follows); always shown. */
  failure(message: string): void;
  /** Something the user should know; hidden by --silent. */
  warn(message: string): void;
  /** Only with --debug (redacted, as everything written is). */
  debug(message: string): void;
}

export interface LoggerOptions {
  stderr: OutputStream;
  /** Asked for when a coloured line is written, not before. */
  paint: () => ChalkInstance;
  silent: boolean;
  debug: boolean;
}

export function createLogger({ stderr, paint, silent, debug }: LoggerOptions): Logger {
  const write = (line: string) => stderr.write(`${line}\n`);
  // The line is made only when it is written: --silent never loads chalk for it.
  const told = (line: () => string) => {
    if (!silent) write(line());
  };
  return {
    notice: (message) => told(() => visible(message)),
    // One voice: a sentence after the mark starts with a capital, as "✓ Created…" does.
    success: (message) =>
      told(
        () =>
          `${paint().green("✓")} ${visible(message.charAt(0).toUpperCase() + message.slice(1))}`,
      ),
    failure: (message) => write(`${paint().red("✗")} ${visible(message)}`),
    warn: (message) => told(() => `${paint().yellow("warning:")} ${visible(message)}`),
    debug: (message) => {
      if (debug) write(paint().dim(`debug: ${visible(message)}`));
    },
  };
}
