import { UsageError } from "../errors.js";
import { DURATION_EXAMPLES, listInWords } from "./flag-values.js";

export const DEFAULT_EXPIRY_SECONDS = 86_400;
export const MAX_EXPIRY_SECONDS = 315_360_000; // 10 years of 365 days

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800, y: 31_536_000 } as const;
type Unit = keyof typeof UNIT_SECONDS;

const DURATION_HINT = `e.g. --expires-in ${listInWords(DURATION_EXAMPLES)}`;

/** `-e/--expiry-seconds`: a whole number from 0 (never expires) to 10 years. */
export function parseExpirySeconds(raw: string): number {
  const text = raw.trim();
  if (!/^\d+$/.test(text) || Number(text) > MAX_EXPIRY_SECONDS) {
    throw new UsageError(
      `invalid --expiry-seconds ${JSON.stringify(raw)}: use a whole number of seconds from 0 (never expires) to ${MAX_EXPIRY_SECONDS} (10 years)`,
      { hint: `or give a duration instead, ${DURATION_HINT}` },
    );
  }
  return Number(text);
}

/** `--expires-in`: `<n><s|m|h|d|w|y>` or `never` (0); `flag` names the flag in errors. */
export function parseDuration(raw: string, flag = "--expires-in"): number {
  const text = raw.trim().toLowerCase();
  if (text === "never") return 0;
  const match = /^(\d+)([smhdwy])$/.exec(text);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] as Unit] : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > MAX_EXPIRY_SECONDS) {
    const why =
      seconds === 0
        ? "a duration must be longer than zero (use never for a token that does not expire)"
        : seconds > MAX_EXPIRY_SECONDS
          ? "the longest expiry is 10 years"
          : "not a duration";
    throw new UsageError(`invalid ${flag} ${JSON.stringify(raw)}: ${why}`, {
      hint: flag === "--expires-in" ? DURATION_HINT : `e.g. ${flag} 7d`,
    });
  }
  return seconds;
}

/** Both flags at once is ambiguous, so it is refused rather than one silently winning. */
export function resolveExpiry(flags: {
  expirySeconds?: string | undefined;
  expiresIn?: string | undefined;
}): number {
  if (flags.expirySeconds !== undefined && flags.expiresIn !== undefined) {
    throw new UsageError("--expiry-seconds and --expires-in cannot be used together", {
      hint: "keep one of them",
    });
  }
  if (flags.expiresIn !== undefined) return parseDuration(flags.expiresIn);
  if (flags.expirySeconds !== undefined) return parseExpirySeconds(flags.expirySeconds);
  return DEFAULT_EXPIRY_SECONDS;
}
