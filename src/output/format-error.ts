import { MINTTY_HINT } from "./terminal-kind.js";
import type { ChalkInstance } from "chalk";
import { CancelledError, CliError, ExitCode } from "../errors.js";
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

const FILE_PROBLEMS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ENOENT: "it does not exist",
  ENOSPC: "the disk is full",
  EROFS: "the file system is read-only",
  ELOOP: "too many symbolic links (a loop?)",
  ENAMETOOLONG: "the name is too long",
  ERANGE: "a value is out of range",
  EEXIST: "it already exists",
};

/** An error of the file system (it has a code and a path): what failed where, not a bug report. */
function fileProblem(error: unknown): CliError | undefined {
  const err = error as NodeJS.ErrnoException;
  const words = typeof err?.code === "string" ? FILE_PROBLEMS[err.code] : undefined;
  if (!words || typeof err.path !== "string") return undefined;
  return new CliError(`could not ${err.syscall ?? "use"} ${err.path}: ${words}`, {
    hint: "check the path and its permissions",
    cause: error,
  });
}

/**
 * `error: <message>`, then the helpful facts indented, then `hint:`. A stack trace only with
 * --debug. Messages quote server answers, file contents and flag values: their control
 * characters are made visible (redaction happens where everything is written, guarded-streams).
 */
export function formatError(
  thrown: unknown,
  paint: ChalkInstance,
  debug: boolean,
  { minttyWithoutConsole = false } = {},
): FormattedError {
  if (thrown instanceof CancelledError)
    return { text: `cancelled: ${visible(thrown.message)}\n`, exitCode: thrown.exitCode };
  const error = thrown instanceof CliError ? thrown : (fileProblem(thrown) ?? thrown);
  const known = error instanceof CliError;
  const message = known
    ? error.message
    : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  const lines = [`${paint.red.bold("error:")} ${visible(message)}`];
  if (known) {
    for (const detail of error.details) lines.push(`  ${visible(detail)}`);
    if (error.hint) lines.push(`  ${paint.cyan("hint:")} ${visible(error.hint)}`);
    if (error.neededTerminal && minttyWithoutConsole) {
      lines.push(`  ${paint.cyan("hint:")} ${MINTTY_HINT}`);
    }
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
