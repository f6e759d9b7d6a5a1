import type { ChalkInstance } from "chalk";
import { CliError, ExitCode } from "../errors.js";
import { redact } from "./redact.js";

export interface FormattedError {
  text: string;
  exitCode: ExitCode;
}

function causeChain(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    lines.push(current.stack ?? `${current.name}: ${current.message}`);
    current = current.cause;
  }
  return lines;
}

/**
 * `error: <message>`, then the helpful facts indented, then `hint:`. A stack trace only with
 * --debug. Everything is redacted: a message may quote a server answer or a flag value.
 */
export function formatError(error: unknown, paint: ChalkInstance, debug: boolean): FormattedError {
  const known = error instanceof CliError;
  const message = known
    ? error.message
    : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  const lines = [`${paint.red.bold("error:")} ${message}`];
  if (known) {
    for (const detail of error.details) lines.push(`  ${detail}`);
    if (error.hint) lines.push(`  ${paint.cyan("hint:")} ${error.hint}`);
  } else {
    lines.push(
      `  ${paint.cyan("hint:")} run again with --debug and report the output (it is redacted) as a bug`,
    );
  }
  if (debug) {
    const chain = causeChain(known ? error.cause : error);
    if (chain.length > 0) lines.push(paint.dim(`debug: cause:\n${chain.join("\ncaused by: ")}`));
  }
  return {
    text: `${redact(lines.join("\n"))}\n`,
    exitCode: known ? error.exitCode : ExitCode.failure,
  };
}
