/**
 * The failures the API client reports: ApiError for an answer with a non-2xx status (what it
 * means is decided in error-table.ts), TransportError for an exchange that broke off below
 * HTTP or an answer that could not be read (transport-errors.ts).
 */
import { STATUS_CODES } from "node:http";
import { CliError, type CliErrorOptions } from "../errors.js";
import type { ApiErrorBody } from "./schemas.js";

/** What a request does, as the error table knows it. */
export type Operation =
  | "login"
  | "select-organization"
  | "verify-mfa"
  | "verify-mfa-totp"
  | "list-organizations"
  | "check-auth"
  | "verify-browser-login"
  | "list-projects"
  | "get-project"
  | "create-service-token"
  | "list-service-tokens"
  | "delete-service-token"
  | "describe-service-token"
  | "revoke-sessions"
  | "get-current-user"
  | "create-identity"
  | "get-identity"
  | "list-identities"
  | "delete-identity"
  | "attach-universal-auth"
  | "create-client-secret"
  | "universal-auth-login"
  | "add-identity-membership"
  | "list-identity-memberships"
  | "add-identity-privilege"
  | "list-identity-privileges"
  | "read-secrets";

/** What the failing request was, for messages. */
export interface RequestContext {
  operation: Operation;
  method: string;
  url: string;
  siteUrl: string;
  /** The request creates something, so after a failure it may or may not exist (create). */
  creates: boolean;
  /** What the request is about, when a message should name it (a token id). */
  subject?: string | undefined;
}

export const MAYBE_CREATED =
  "the request may or may not have taken effect; check with `infisical service-token list` before trying again";

export function requestLine(ctx: RequestContext): string {
  return `request: ${ctx.method} ${ctx.url}`;
}

export function statusLine(status: number): string {
  return `status: ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd();
}

/** The server's `message` is a string, or for 422 an array of zod issues. */
export function serverMessageText(message: unknown): string | undefined {
  if (typeof message === "string") return message;
  if (Array.isArray(message)) {
    return message
      .map((issue) => {
        const i = issue as { path?: unknown[]; message?: unknown };
        const path = Array.isArray(i.path) && i.path.length > 0 ? `${i.path.join(".")}: ` : "";
        return `${path}${String(i.message ?? JSON.stringify(issue))}`;
      })
      .join("; ");
  }
  return message === undefined ? undefined : JSON.stringify(message);
}

/** What a server's error answer means (decided by error-table.ts). */
export type ApiErrorKind =
  | "not-the-api"
  | "no-credentials"
  | "no-organization"
  | "credentials-rejected"
  | "session-expired"
  | "token-invalid"
  | "wrong-credential-kind"
  | "permission-denied"
  | "route-missing"
  | "project-not-found"
  | "invalid-request"
  | "rate-limited"
  | "server-failure"
  | "login-rejected"
  | "browser-login-rejected"
  | "mfa-code-rejected"
  | "account-locked"
  | "unknown-environment"
  | "service-token-secret-wrong"
  | "service-token-expired"
  | "service-token-not-found"
  | "session-revoked"
  | "project-in-other-organization"
  | "other";

/** A non-2xx answer, with what it means (`kind`). `body` is set when it had the server's error shape. */
export class ApiError extends CliError {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
    readonly request: RequestContext,
    message: string,
    options: CliErrorOptions,
  ) {
    super(message, options);
  }

  get serverMessage(): string | undefined {
    return serverMessageText(this.body?.message);
  }

  get requestId(): string | undefined {
    return this.body?.reqId;
  }
}

export type TransportErrorKind = "tls" | "timeout" | "unreachable" | "broken-off" | "unreadable";

/** No usable answer: the connection failed or broke off, or the answer could not be read. */
export class TransportError extends CliError {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    options: CliErrorOptions,
  ) {
    super(message, options);
  }
}

/** Why a request failed, in the server's words when it gave some (lists of per-item results). */
export function failureReason(error: CliError): string {
  return error instanceof ApiError ? (error.serverMessage ?? error.message) : error.message;
}
