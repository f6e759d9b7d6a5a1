import type { ChalkInstance } from "chalk";
import { CliError, ExitCode } from "../errors.js";
import { visible } from "./visible.js";

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
 * --debug. Messages quote server answers, file contents and flag values: their control
 * characters are made visible (redaction happens where everything is written, guarded-streams).
 */
export function formatError(error: unknown, paint: ChalkInstance, debug: boolean): FormattedError {
  const known = error instanceof CliError;
  const message = known
    ? error.message
    : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  const lines = [`${paint.red.bold("error:")} ${visible(message)}`];
  if (known) {
    for (const detail of error.details) lines.push(`  ${visible(detail)}`);
    if (error.hint) lines.push(`  ${paint.cyan("hint:")} ${visible(error.hint)}`);
  } else {
    lines.push(
      `  ${paint.cyan("hint:")} run again with --debug and report the output (it is redacted) as a bug`,
    );
  }
  if (debug) {
    const chain = causeChain(known ? error.cause : error).map((entry) =>
      entry.split("\n").map(visible).join("\n"),
    );
    if (chain.length > 0) lines.push(paint.dim(`debug: cause:\n${chain.join("\ncaused by: ")}`));
  }
  return {
    text: `${lines.join("\n")}\n`,
    exitCode: known ? error.exitCode : ExitCode.failure,
  };
}
