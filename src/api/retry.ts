/**
 * When a failed request may be sent again. A create is not idempotent: after a 5xx, a timeout or
 * a reset the token may exist, so only a 429 (nothing was done) or a connection that never
 * opened is retried. Reads are retried on transient failures too.
 */
export type RetryMode = "non-idempotent" | "idempotent";

export type Outcome =
  | { kind: "status"; status: number; retryAfterMs?: number | undefined }
  | { kind: "network"; code: string };

/** Failures where the request certainly never reached the server. */
export const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
/** Of those, the ones worth another try: an unknown host name stays unknown. */
const NOT_SENT_TRANSIENT_CODES = new Set(
  [...NOT_SENT_CODES].filter((code) => code !== "ENOTFOUND"),
);
const TRANSIENT_READ_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "EPIPE"]);
const TRANSIENT_READ_STATUSES = new Set([502, 503, 504]);

export const RATE_LIMIT_BUDGET_MS = 60_000;
export const MAX_ATTEMPTS = 4;

export function backoffMs(attempt: number, random: () => number): number {
  const base = 250 * 2 ** (attempt - 1);
  return Math.round(base / 2 + random() * (base / 2));
}

/**
 * @param attempt the attempt that just failed, from 1
 * @param waitedMs time already spent waiting between attempts
 * @returns milliseconds to wait before the next attempt, or undefined to give up
 */
export function retryDelay(
  outcome: Outcome,
  attempt: number,
  waitedMs: number,
  mode: RetryMode,
  random: () => number = Math.random,
): number | undefined {
  if (outcome.kind === "status" && outcome.status === 429) {
    const delay = outcome.retryAfterMs ?? backoffMs(attempt, random) * 4;
    return waitedMs + delay <= RATE_LIMIT_BUDGET_MS && attempt < 2 * MAX_ATTEMPTS
      ? delay
      : undefined;
  }
  if (attempt >= MAX_ATTEMPTS) return undefined;
  const transient =
    outcome.kind === "network"
      ? NOT_SENT_TRANSIENT_CODES.has(outcome.code) ||
        (mode === "idempotent" && TRANSIENT_READ_CODES.has(outcome.code))
      : mode === "idempotent" && TRANSIENT_READ_STATUSES.has(outcome.status);
  return transient ? backoffMs(attempt, random) : undefined;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How many attempts an outcome may get in all. */
export function attemptsAllowed(outcome: Outcome): number {
  return outcome.kind === "status" && outcome.status === 429 ? 2 * MAX_ATTEMPTS : MAX_ATTEMPTS;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${(Math.ceil(ms / 100) / 10).toFixed(1)} s` : `${Math.ceil(ms / 1000)} s`;
}

/** The line said before each retry: what happened, when the next attempt comes, which it is. */
export function retryLine(outcome: Outcome, delayMs: number, nextAttempt: number): string {
  const what =
    outcome.kind === "network"
      ? `the connection failed (${outcome.code})`
      : outcome.status === 429
        ? "the server is rate limiting requests (429)"
        : `the server is busy (${outcome.status})`;
  return `${what}; retrying in ${seconds(delayMs)}, attempt ${nextAttempt} of ${attemptsAllowed(outcome)}`;
}
