import type { ChalkInstance } from "chalk";
import { redact } from "./redact.js";
import type { OutputStream } from "../runtime.js";

export interface Logger {
  /** Narrative for a person; hidden by --silent. */
  notice(message: string): void;
  /** Something the user should know; hidden by --silent. */
  warn(message: string): void;
  /** Only with --debug; always redacted. */
  debug(message: string): void;
}

export interface LoggerOptions {
  stderr: OutputStream;
  paint: ChalkInstance;
  silent: boolean;
  debug: boolean;
}

export function createLogger({ stderr, paint, silent, debug }: LoggerOptions): Logger {
  const write = (line: string) => stderr.write(`${line}\n`);
  return {
    notice: (message) => {
      if (!silent) write(message);
    },
    warn: (message) => {
      if (!silent) write(`${paint.yellow("warning:")} ${message}`);
    },
    debug: (message) => {
      if (debug) write(paint.dim(`debug: ${redact(message)}`));
    },
  };
}
