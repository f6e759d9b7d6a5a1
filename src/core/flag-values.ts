/**
 * The values flags take, defined once for the parsers, the help texts, the hints and shell
 * completion. A module without imports: the command definitions load it at start-up.
 */
export const ACCESS_LEVELS = ["read", "write"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What --expires-in accepts, by example (any whole number works with each unit). */
export const DURATION_EXAMPLES = ["90s", "15m", "12h", "7d", "2w", "1y", "never"] as const;

export const DEFAULT_TOKEN_NAME = "Service token generated via CLI";

/** ["a", "b", "c"] -> "a, b or c" (or "a, b and c"). */
export function listInWords(items: readonly string[], conjunction: "or" | "and" = "or"): string {
  return items.length < 2
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}
