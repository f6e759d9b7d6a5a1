import { STATUS_CODES } from "node:http";
import { CliError, ExitCode, type ExitCode as ExitCodeType } from "../errors.js";
import { NOT_SENT_CODES } from "./retry.js";
import type { ApiErrorBody } from "./schemas.js";

/** What the failing request was, for messages. */
export interface RequestContext {
  method: string;
  url: string;
  siteUrl: string;
  /** The request may have had an effect that a retry would repeat (create). */
  nonIdempotent: boolean;
}

const MAYBE_CREATED =
  "the request may or may not have taken effect; check with `infisical service-token list` before trying again";

function requestLine(ctx: RequestContext): string {
  return `request: ${ctx.method} ${ctx.url}`;
}

function statusLine(status: number): string {
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

/** A non-2xx answer. `body` is set when it had the server's error shape. */
export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
    readonly context: RequestContext,
    options: { hint?: string; exitCode?: ExitCodeType; extraDetails?: string[] } = {},
  ) {
    super(message, {
      exitCode: options.exitCode ?? ExitCode.failure,
      hint: options.hint,
      details: [
        statusLine(status),
        requestLine(context),
        ...(body?.reqId ? [`request id: ${body.reqId}`] : []),
        ...(options.extraDetails ?? []),
      ],
    });
  }

  get serverMessage(): string | undefined {
    return serverMessageText(this.body?.message);
  }
}

/** Fastify's own 404 for a path it has no route for carries no request id. */
function routeMissing(status: number, body: ApiErrorBody | undefined): boolean {
  return status === 404 && body !== undefined && body.reqId === undefined;
}

export function isRouteNotFound(error: unknown): boolean {
  return error instanceof ApiError && routeMissing(error.status, error.body);
}

/** Larger answers are refused: no route the CLI calls returns anything near this. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The code the client gives a refused oversized answer. */
export const RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

const LOGIN_HINT = "run `infisical login` and try again";

/** Turns a non-2xx answer into the message a user can act on. */
export function apiErrorFor(
  status: number,
  body: ApiErrorBody | undefined,
  ctx: RequestContext,
  retryAfterMs?: number,
  rawSnippet?: string,
): ApiError {
  const said = serverMessageText(body?.message);
  const kind = body?.error ?? "";
  const make = (message: string, options: ConstructorParameters<typeof ApiError>[4] = {}) =>
    new ApiError(message, status, body, ctx, options);
  const auth = { exitCode: ExitCode.auth };

  if (body === undefined) {
    const what =
      rawSnippet && /^\s*</.test(rawSnippet)
        ? "an HTML page"
        : "a body that is not the Infisical API's JSON";
    const maybe = ctx.nonIdempotent && status >= 500 ? [MAYBE_CREATED] : [];
    return make(`the server at ${ctx.siteUrl} answered ${status} with ${what}`, {
      extraDetails: maybe,
      hint: "a proxy or load balancer may be in the way, or --domain may not point at an Infisical server",
    });
  }
  if (status === 401) {
    if (said === "Token missing")
      return make("the server received no credentials", { ...auth, hint: LOGIN_HINT });
    if (kind.includes("no organization found")) {
      return make("the session has no organization selected", {
        ...auth,
        hint: "run `infisical login` again and choose an organization",
      });
    }
    return make(`the server rejected the credentials: ${said ?? kind}`, {
      ...auth,
      hint: LOGIN_HINT,
    });
  }
  if (status === 403 && kind === "TokenError") {
    const expired = said?.includes("expired");
    return make(
      expired ? "the session has expired" : `the server rejected the access token: ${said}`,
      {
        ...auth,
        hint: expired
          ? LOGIN_HINT
          : `the token was not issued by ${ctx.siteUrl}, or is damaged; log in again, and check --domain`,
      },
    );
  }
  if (status === 403 && kind.startsWith("Forbidden access to")) {
    return make("this kind of credential cannot be used for this request", {
      ...auth,
      extraDetails: [
        "service tokens and machine identities cannot manage service tokens; a logged-in user can",
      ],
      hint: "run `infisical login`, or pass a user access token with --token",
    });
  }
  if (status === 403) {
    return make(`permission denied: ${said ?? "you are not allowed to do this"}`, {
      extraDetails: kind && kind !== said ? [`reason: ${kind}`] : [],
      hint: "ask an admin of the project for a role that allows it",
    });
  }
  if (routeMissing(status, body)) {
    return make(`the server at ${ctx.siteUrl} has no such API route`, {
      hint: "check --domain points at an Infisical server; an old self-hosted version may lack this feature",
    });
  }
  const missingProject = status === 404 && said ? /^Project with (.*) not found$/.exec(said) : null;
  if (missingProject) {
    return make(`project ${JSON.stringify(missingProject[1])} was not found`, {
      hint: "check the project id (--projectId, INFISICAL_PROJECT_ID or .infisical.json) and that you are logged in to the organization that owns it",
    });
  }
  if (status === 422) {
    return make(`the server rejected the request as invalid: ${said}`, {
      hint: "this is likely a bug in infisical-ts or a server version it does not know; please report it",
    });
  }
  if (status === 429) {
    const seconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    return make("the server is rate limiting requests and the retries ran out", {
      extraDetails: said ? [`server: ${said}`] : [],
      hint:
        seconds === undefined ? "wait a minute and try again" : `try again in ${seconds} seconds`,
    });
  }
  if (status >= 500) {
    return make(`the server failed (${status}${said ? `: ${said}` : ""})`, {
      extraDetails: ctx.nonIdempotent ? [MAYBE_CREATED] : [],
      hint: "try again later; if it keeps failing, contact the server's administrator",
    });
  }
  return make(said ?? `the server answered ${status}`);
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name could not be resolved",
  EAI_AGAIN: "the host name could not be resolved (DNS is not answering)",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ECONNRESET: "the connection was reset",
  EPIPE: "the connection was closed while sending",
  ETIMEDOUT: "no answer arrived in time",
  [RESPONSE_TOO_LARGE]: `the answer was larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB, so it was not read`,
};

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** A failure below HTTP: nothing, or not all, of an answer arrived. */
export function networkErrorFor(
  code: string,
  ctx: RequestContext,
  timeoutSeconds: number,
  cause: unknown,
): CliError {
  const notSent = NOT_SENT_CODES.has(code);
  const details = [requestLine(ctx), `cause: ${code}`];
  if (ctx.nonIdempotent && !notSent && !TLS_CODES.test(code)) details.push(MAYBE_CREATED);
  if (TLS_CODES.test(code)) {
    return new CliError(`could not make a trusted TLS connection to ${ctx.siteUrl}`, {
      details,
      hint: "for a private certificate authority set NODE_EXTRA_CA_CERTS to its PEM file",
      cause,
    });
  }
  if (code === "ETIMEDOUT") {
    return new CliError(`${ctx.siteUrl} did not answer within ${timeoutSeconds} s`, {
      details,
      hint: "raise the limit with --timeout <seconds>, or check the server and your network",
      cause,
    });
  }
  const words = NETWORK_WORDS[code] ?? `the request failed (${code})`;
  const what = notSent
    ? `could not reach ${ctx.siteUrl}`
    : `the exchange with ${ctx.siteUrl} broke off`;
  return new CliError(`${what}: ${words}`, {
    details,
    hint: notSent
      ? "check --domain (or INFISICAL_DOMAIN) and that the server is running and reachable"
      : "check your network and the server, then try again",
    cause,
  });
}

/** A 2xx whose body is not what the contract says. */
export function unexpectedResponseFor(status: number, why: string, ctx: RequestContext): CliError {
  return new CliError(`the server's answer could not be understood: ${why}`, {
    details: [statusLine(status), requestLine(ctx), ...(ctx.nonIdempotent ? [MAYBE_CREATED] : [])],
    hint: "check --domain points at an Infisical server (not a proxy's page), and try again",
  });
}
