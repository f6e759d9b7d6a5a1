/**
 * Every failure the CLI reports is one of these. The exit code travels with the error so the
 * single handler in cli.ts never has to guess what kind of failure it is looking at.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 4,
  /** exec: the command could not be run (found but not executable; not found). */
  commandNotExecutable: 126,
  commandNotFound: 127,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorOptions {
  /** Facts that help: status, request id, file, flag. Printed indented under the message. */
  details?: string[];
  /** The obvious next step, if there is one. */
  hint?: string;
  cause?: unknown;
  exitCode?: ExitCode;
  /** The command wanted to ask the person, and there was no terminal to ask on. */
  neededTerminal?: boolean;
}

export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly details: string[];
  readonly hint: string | undefined;
  readonly neededTerminal: boolean;

  static defaultExitCode: ExitCode = ExitCode.failure;

  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? new.target.defaultExitCode;
    this.details = options.details ?? [];
    this.hint = options.hint;
    this.neededTerminal = options.neededTerminal ?? false;
  }
}

/** Bad flags or arguments, found before any network call. */
export class UsageError extends CliError {
  static override defaultExitCode: ExitCode = ExitCode.usage;
}

/**
 * The person declined a confirmation: not a failure, a decision. Exit 2, as gh does; the
 * message says what was left alone.
 */
export class CancelledError extends CliError {
  static override defaultExitCode: ExitCode = ExitCode.usage;
}

/** The user must (re-)authenticate: not logged in, expired, wrong kind of token, rejected. */
export class AuthError extends CliError {
  static override defaultExitCode: ExitCode = ExitCode.auth;
}

/**
 * Not a failure to report: the command is over and the process exits with this code (exec
 * passes on the exit code of the command it ran, 128 + n for a signal).
 */
export class ExitStatus extends Error {
  constructor(readonly exitCode: number) {
    super(`exit status ${exitCode}`);
    this.name = "ExitStatus";
  }
}
