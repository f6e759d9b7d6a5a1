import { ApiError, TransportError } from "../api/errors.js";
import { AuthError, CancelledError, CliError, UsageError } from "../errors.js";

/**
 * What can go wrong, by name: the server's answers keep the kinds of the CLI's error table
 * (`session-revoked`, `permission-denied`, `unknown-environment`, …), the network's theirs
 * (`timeout`, `unreachable`, `tls`, …); the rest is one of the names below.
 */
export type InfisicalErrorKind =
  | ApiError["kind"]
  | TransportError["kind"]
  | "invalid-input"
  | "not-logged-in"
  | "cancelled"
  | "failure";

/** Every failure of the library: never an exit, never a print. */
export class InfisicalError extends Error {
  override readonly name = "InfisicalError";
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The server's request id, to quote to its operators. */
  readonly requestId: string | undefined;
  /** The obvious next step, if there is one. */
  readonly hint: string | undefined;
  /** Facts that help: status, request, file. */
  readonly details: readonly string[];

  constructor(
    readonly kind: InfisicalErrorKind,
    message: string,
    options: {
      status?: number | undefined;
      requestId?: string | undefined;
      hint?: string | undefined;
      details?: readonly string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.requestId = options.requestId;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** The CLI's errors, as the library's. */
export function toInfisicalError(error: unknown): unknown {
  if (!(error instanceof CliError) || error instanceof InfisicalError) return error;
  const common = { hint: error.hint, details: error.details, cause: error };
  if (error instanceof ApiError) {
    return new InfisicalError(error.kind, error.message, {
      ...common,
      status: error.status,
      requestId: error.requestId,
    });
  }
  if (error instanceof TransportError) return new InfisicalError(error.kind, error.message, common);
  const kind: InfisicalErrorKind =
    error instanceof UsageError
      ? "invalid-input"
      : error instanceof AuthError
        ? "not-logged-in"
        : error instanceof CancelledError
          ? "cancelled"
          : "failure";
  return new InfisicalError(kind, error.message, common);
}

/** Runs a library call, turning the CLI's errors into InfisicalError. */
export async function translatingErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toInfisicalError(error);
  }
}
