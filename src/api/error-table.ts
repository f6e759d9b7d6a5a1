/**
 * What a server's error answer means to the user: the one place that decides it. An answer is
 * first classified by route (operation), status, error name and message into a kind (RULES,
 * first match wins); the kind then gives the message, the hint and the exit code
 * (PRESENTATIONS). Commands react to `error.kind`, never to the server's texts.
 */
import { ExitCode, type CliErrorOptions } from "../errors.js";
import {
  ApiError,
  MAYBE_CREATED,
  type ApiErrorKind,
  requestLine,
  serverMessageText,
  statusLine,
  type Operation,
  type RequestContext,
} from "./errors.js";
import type { Organization } from "./auth-schemas.js";
import type { Project } from "./project-schemas.js";
import type { ApiErrorBody } from "./schemas.js";

/** A non-2xx answer as it arrived. */
export interface ServerAnswer {
  status: number;
  /** Set when the body had the server's error shape. */
  body: ApiErrorBody | undefined;
  request: RequestContext;
  /** From Retry-After, when the server sent one. */
  retryAfterMs?: number | undefined;
  /** The start of a body that was not the server's error shape. */
  rawSnippet?: string | undefined;
}

interface Rule {
  operation?: Operation | readonly Operation[];
  status?: number | "4xx" | "5xx";
  /** The server's error name (`error` in its body). */
  error?: string | RegExp;
  /** The server's message. */
  message?: string | RegExp;
  when?: (answer: ServerAnswer) => boolean;
  kind: ApiErrorKind;
}

const MFA: readonly Operation[] = ["verify-mfa", "verify-mfa-totp"];
/** The service-token routes say `Project with <id> not found`, GET project `Project with ID '<id>' not found`. */
const PROJECT_NOT_FOUND = /^Project with (?:ID '(.*)'|(.*)) not found$/;
/** Fastify's own 404 for a path it has no route for carries no request id. */
const withoutRequestId = (a: ServerAnswer) => a.body?.reqId === undefined;

/** Most specific first: an operation's own meanings, then what an answer means on any route. */
const RULES: readonly Rule[] = [
  // A JWT whose session was revoked (signed out everywhere, an admin) is refused on every route.
  { status: 404, error: "Session not found", kind: "session-revoked" },
  // Every user JWT of an account locked after wrong MFA codes, stored logins included.
  { status: 401, message: "Account is locked", kind: "account-locked" },
  { operation: "login", status: 400, kind: "login-rejected" },
  { operation: "verify-browser-login", kind: "browser-login-rejected" },
  { operation: MFA, error: "UserLocked", kind: "account-locked" },
  // A wrong code: 400 or 403 for an authenticator code, and 500 for an e-mailed one, whose check
  // throws a plain Error on the server (backend verifyMfaToken). An expired MFA session
  // (TokenError) is not a wrong code.
  {
    operation: MFA,
    status: "4xx",
    when: (a) => a.body?.error !== "TokenError",
    kind: "mfa-code-rejected",
  },
  { operation: "verify-mfa", status: 500, error: "InternalServerError", kind: "mfa-code-rejected" },
  { operation: "describe-service-token", status: 401, kind: "service-token-secret-wrong" },
  {
    operation: "describe-service-token",
    status: 403,
    message: "Service token has expired",
    kind: "service-token-expired",
  },
  {
    operation: "describe-service-token",
    status: 404,
    when: (a) => !withoutRequestId(a),
    kind: "service-token-not-found",
  },
  // Current servers say 404; old ones 400.
  {
    operation: "create-service-token",
    status: 404,
    message: "One or more selected environments not found",
    kind: "unknown-environment",
  },
  {
    operation: "create-service-token",
    status: 400,
    message: "Environment not found",
    kind: "unknown-environment",
  },
  { status: 401, message: "Token missing", kind: "no-credentials" },
  { status: 401, error: /no organization found/, kind: "no-organization" },
  { status: 401, kind: "credentials-rejected" },
  { status: 403, error: "TokenError", message: /expired/, kind: "session-expired" },
  { status: 403, error: "TokenError", kind: "token-invalid" },
  { status: 403, error: /^Forbidden access to/, kind: "wrong-credential-kind" },
  {
    status: 403,
    message: "This project does not belong to your selected organization.",
    kind: "project-in-other-organization",
  },
  { status: 403, kind: "permission-denied" },
  { status: 404, when: withoutRequestId, kind: "route-missing" },
  { status: 404, message: PROJECT_NOT_FOUND, kind: "project-not-found" },
  { status: 422, kind: "invalid-request" },
  { status: 429, kind: "rate-limited" },
  { status: "5xx", kind: "server-failure" },
];

function textMatches(pattern: string | RegExp | undefined, text: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (text === undefined) return false;
  return typeof pattern === "string" ? pattern === text : pattern.test(text);
}

function statusMatches(pattern: Rule["status"], status: number): boolean {
  if (pattern === "4xx") return status >= 400 && status < 500;
  if (pattern === "5xx") return status >= 500;
  return pattern === undefined || pattern === status;
}

function matches(rule: Rule, answer: ServerAnswer): boolean {
  const { operation } = answer.request;
  return (
    (rule.operation === undefined ||
      (typeof rule.operation === "string"
        ? rule.operation === operation
        : rule.operation.includes(operation))) &&
    statusMatches(rule.status, answer.status) &&
    textMatches(rule.error, answer.body?.error) &&
    textMatches(rule.message, serverMessageText(answer.body?.message)) &&
    (rule.when?.(answer) ?? true)
  );
}

/** What the answer means. */
export function classifyAnswer(answer: ServerAnswer): ApiErrorKind {
  if (answer.body === undefined) return "not-the-api";
  return RULES.find((rule) => matches(rule, answer))?.kind ?? "other";
}

interface Presentation {
  message: string;
  hint?: string | undefined;
  /** Default: 1 (failure). */
  exitCode?: ExitCode;
  /** Printed before the status, request and request id lines. */
  leadingDetails?: string[];
  /** Printed after them. */
  details?: string[];
}

const LOGIN_HINT = "run `infisical login` and try again";
const auth = ExitCode.auth;
const said = (a: ServerAnswer) => serverMessageText(a.body?.message);
const errorName = (a: ServerAnswer) => a.body?.error ?? "";
const maybeCreated = (a: ServerAnswer) => (a.request.creates ? [MAYBE_CREATED] : []);

const PRESENTATIONS: Record<ApiErrorKind, (a: ServerAnswer) => Presentation> = {
  "not-the-api": (a) => ({
    message: `the server at ${a.request.siteUrl} answered ${a.status} with ${
      a.rawSnippet && /^\s*</.test(a.rawSnippet)
        ? "an HTML page"
        : "a body that is not the Infisical API's JSON"
    }`,
    details: a.status >= 500 ? maybeCreated(a) : [],
    hint: "a proxy or load balancer may be in the way, or --domain may not point at an Infisical server",
  }),
  "no-credentials": () => ({
    message: "the server received no credentials",
    exitCode: auth,
    hint: LOGIN_HINT,
  }),
  "no-organization": () => ({
    message: "the session has no organization selected",
    exitCode: auth,
    hint: "run `infisical login` again and choose an organization",
  }),
  "credentials-rejected": (a) => ({
    message: `the server rejected the credentials: ${said(a) ?? errorName(a)}`,
    exitCode: auth,
    hint: LOGIN_HINT,
  }),
  "session-expired": () => ({
    message: "the session has expired",
    exitCode: auth,
    hint: LOGIN_HINT,
  }),
  "token-invalid": (a) => ({
    message: `the server rejected the access token: ${said(a)}`,
    exitCode: auth,
    hint: `the token was not issued by ${a.request.siteUrl}, or is damaged; log in again, and check --domain`,
  }),
  "wrong-credential-kind": () => ({
    message: "this kind of credential cannot be used for this request",
    exitCode: auth,
    details: [
      "service tokens and machine identities cannot manage service tokens; a logged-in user can",
    ],
    hint: "run `infisical login`, or pass a user access token with --token",
  }),
  "permission-denied": (a) => ({
    message: `permission denied: ${said(a) ?? "you are not allowed to do this"}`,
    details: errorName(a) && errorName(a) !== said(a) ? [`reason: ${errorName(a)}`] : [],
    hint: "ask an admin of the project for a role that allows it",
  }),
  "route-missing": (a) => ({
    message: `the server at ${a.request.siteUrl} has no such API route`,
    hint: "check --domain points at an Infisical server; an old self-hosted version may lack this feature",
  }),
  "project-not-found": (a) => ({
    message: `project ${JSON.stringify(projectIdIn(said(a)))} was not found`,
    hint: "check the project id (--projectId, INFISICAL_PROJECT_ID or .infisical.json) and that you are logged in to the organization that owns it",
  }),
  "invalid-request": (a) => ({
    message: `the server rejected the request as invalid: ${said(a)}`,
    hint: "this is likely a bug in infisical-ts or a server version it does not know; please report it",
  }),
  "rate-limited": (a) => {
    const seconds = a.retryAfterMs === undefined ? undefined : Math.ceil(a.retryAfterMs / 1000);
    return {
      message: "the server is rate limiting requests and the retries ran out",
      details: said(a) ? [`server: ${said(a)}`] : [],
      hint:
        seconds === undefined ? "wait a minute and try again" : `try again in ${seconds} seconds`,
    };
  },
  "server-failure": (a) => ({
    message: `the server failed (${a.status}${said(a) ? `: ${said(a)}` : ""})`,
    details: maybeCreated(a),
    hint: "try again later; if it keeps failing, contact the server's administrator",
  }),
  "login-rejected": (a) => ({
    message: `${a.request.siteUrl} did not accept the e-mail and password`,
    exitCode: auth,
    leadingDetails: [`server: ${said(a) ?? "Invalid credentials"}`],
    hint: "check both and try again; accounts that sign in with SSO log in with the browser (`infisical login --browser`)",
  }),
  "browser-login-rejected": (a) => ({
    message: `the login from the browser was not accepted by ${a.request.siteUrl}`,
    exitCode: auth,
    hint: "log in again; check that the browser was on the same Infisical instance as --domain",
  }),
  "mfa-code-rejected": (a) => ({
    message: "the MFA code was not accepted",
    exitCode: auth,
    hint:
      a.request.operation === "verify-mfa-totp"
        ? "use a current code from your authenticator app, and run `infisical login` again"
        : "use the newest code from the e-mail Infisical sent you, and run `infisical login` again",
  }),
  "account-locked": (a) => ({
    message: "Infisical has locked this account after too many wrong MFA codes",
    exitCode: auth,
    leadingDetails: [`server: ${said(a) ?? "locked"}`],
    // While locked, logging in again cannot help: every login of the account is refused.
    hint: "wait until the lock ends (5 minutes after the first three wrong codes, then 30 and 60; after twelve, until you use the unlock link Infisical e-mailed); your login works again then",
  }),
  "session-revoked": (a) => ({
    message: `${a.request.siteUrl} no longer accepts this login: its session was revoked (signed out everywhere, or by an administrator)`,
    exitCode: auth,
    hint: `log in again with \`infisical login --domain ${a.request.siteUrl}\` (or pass a new token with --token or INFISICAL_TOKEN)`,
  }),
  "project-in-other-organization": () => ({
    message: "this project belongs to another of your organizations, not the one this login is for",
    exitCode: auth,
    hint: "log in to the project's organization: `infisical login --organization-id <id>`",
  }),
  "unknown-environment": () => ({
    message: "one or more environments in --scope do not exist in the project",
    hint: "check the environment slugs in --scope (e.g. dev, staging, prod)",
  }),
  "service-token-secret-wrong": () => ({
    message: "the service token was rejected: its secret is wrong",
    exitCode: auth,
    hint: "copy the whole token again; a token is shown only once when created",
  }),
  "service-token-expired": () => ({
    message: "the service token has expired",
    exitCode: auth,
    details: ["the server deletes an expired token the first time it is used"],
    hint: "create a new one with `infisical service-token create`",
  }),
  "service-token-not-found": (a) => ({
    message: `no service token with id ${a.request.subject} exists on ${a.request.siteUrl}`,
    hint: "it was deleted or has expired, or it belongs to another Infisical instance (check --domain)",
  }),
  other: (a) => ({ message: said(a) ?? `the server answered ${a.status}` }),
};

function projectIdIn(message: string | undefined): string | undefined {
  const match = PROJECT_NOT_FOUND.exec(message ?? "");
  return match?.[1] ?? match?.[2];
}

/** The facts printed under every server error: status, request, request id. */
export function answerDetails(answer: ServerAnswer): string[] {
  return [
    statusLine(answer.status),
    requestLine(answer.request),
    ...(answer.body?.reqId ? [`request id: ${answer.body.reqId}`] : []),
  ];
}

/** Turns a non-2xx answer into the error a user can act on. */
export function apiErrorFor(answer: ServerAnswer): ApiError {
  const kind = classifyAnswer(answer);
  const shown = PRESENTATIONS[kind](answer);
  const options: CliErrorOptions = {
    exitCode: shown.exitCode ?? ExitCode.failure,
    hint: shown.hint,
    details: [...(shown.leadingDetails ?? []), ...answerDetails(answer), ...(shown.details ?? [])],
  };
  return new ApiError(kind, answer.status, answer.body, answer.request, shown.message, options);
}

/**
 * An unknown environment, explained with the project's own list: the server does not say which
 * of the requested slugs is wrong.
 */
export function describeUnknownEnvironments(
  error: ApiError,
  project: Pick<Project, "id" | "name" | "environments">,
  requested: readonly string[],
): ApiError {
  const { environments } = project;
  const known = new Set(environments.map((e) => e.slug));
  const unknown = [...new Set(requested)].filter((slug) => !known.has(slug));
  const list = environments.map((e) => `${e.slug} (${e.name})`).join(", ") || "none";
  return new ApiError(
    error.kind,
    error.status,
    error.body,
    error.request,
    unknown.length > 0
      ? `unknown environment${unknown.length > 1 ? "s" : ""} in --scope: ${unknown.join(", ")}`
      : "one or more environments in --scope do not exist in the project",
    {
      details: [
        `project ${JSON.stringify(project.name)} (${project.id}) has: ${list}`,
        ...answerDetails(error),
      ],
      hint:
        environments.length > 0
          ? `use one of: ${environments.map((e) => e.slug).join(", ")}`
          : undefined,
    },
  );
}

/**
 * A project of another organization, explained with the user's organizations: the server does
 * not say which one the project belongs to, but there is often only one other.
 */
export function describeOtherOrganization(
  error: ApiError,
  organizations: readonly Pick<Organization, "id" | "name">[],
  currentOrganizationId: string,
): ApiError {
  const others = organizations.filter((org) => org.id !== currentOrganizationId);
  const login = `infisical login --domain ${error.request.siteUrl} --organization-id`;
  return new ApiError(error.kind, error.status, error.body, error.request, error.message, {
    exitCode: error.exitCode,
    details: [
      "your organizations:",
      ...organizations.map(
        (org) =>
          `  ${org.id}  ${org.name}${org.id === currentOrganizationId ? "  (this login)" : ""}`,
      ),
      ...answerDetails(error),
    ],
    hint:
      others.length === 1
        ? `log in to ${others[0]?.name}: \`${login} ${others[0]?.id}\``
        : `log in to the project's organization: \`${login} <id>\``,
  });
}

/**
 * The wrong code that starts a lock is answered like any wrong code (MFA.md): only a request
 * made afterwards shows the lock. Said as one error, so the third wrong code names the lock.
 */
export function describeLockAfterWrongCode(wrongCode: ApiError, locked: ApiError): ApiError {
  return new ApiError(
    locked.kind,
    locked.status,
    locked.body,
    locked.request,
    "the MFA code was not accepted, and Infisical has now locked this account after too many wrong codes in a row",
    {
      exitCode: locked.exitCode,
      details: [...wrongCode.details, `then: ${locked.serverMessage ?? "Account is locked"}`],
      hint: locked.hint,
    },
  );
}
