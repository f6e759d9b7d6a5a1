import type { ServiceTokenData } from "../api/schemas.js";
import { UsageError } from "../errors.js";
import { parseDuration } from "./expiry.js";
import { globMatches } from "./path-glob.js";
import { formatScope, parseScope } from "./scope.js";

/** The filters `service-token list` and `prune` share; all given must hold (AND). */
export interface TokenFilterFlags {
  expired?: boolean | undefined;
  expiresWithin?: string | undefined;
  neverExpires?: boolean | undefined;
  unusedFor?: string | undefined;
  name?: string | undefined;
  scope?: string | undefined;
}

export interface TokenFilter {
  /** For people: "expired", "name backend-*". */
  readonly label: string;
  matches(token: ServiceTokenData, now: Date): boolean;
}

const time = (iso: string) => new Date(iso).getTime();

/** A duration for a filter: like --expires-in, but "never" means nothing here. */
function filterDuration(raw: string, flag: string): number {
  const seconds = parseDuration(raw, flag);
  if (seconds === 0) {
    throw new UsageError(`invalid ${flag} "${raw}": give a duration, e.g. ${flag} 30d`);
  }
  return seconds * 1000;
}

/** `*` any run of characters, `?` one character, anything else itself (case matters). */
export function nameGlob(pattern: string): RegExp {
  const source = [...pattern]
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "su");
}

/**
 * Whether a token's scopes reach env:path as the server decides it: the same scope, or a glob
 * scope covering it (dev:/** reaches dev:/backend; dev:/ is the root folder only).
 */
export function scopeReaches(token: ServiceTokenData, wanted: string): boolean {
  const { environment, secretPath } = parseScope(wanted);
  return token.scopes.some(
    (scope) =>
      scope.environment === environment &&
      (scope.secretPath === secretPath || globMatches(scope.secretPath, secretPath)),
  );
}

/** Every filter given, checked before anything is sent; none given is an empty list. */
export function parseTokenFilters(flags: TokenFilterFlags): TokenFilter[] {
  const filters: TokenFilter[] = [];
  if (flags.expired && flags.neverExpires) {
    throw new UsageError("--expired and --never-expires together select nothing", {
      hint: "keep one of them",
    });
  }
  if (flags.expiresWithin !== undefined && flags.neverExpires) {
    throw new UsageError("--expires-within and --never-expires together select nothing", {
      hint: "keep one of them",
    });
  }
  if (flags.expired) {
    filters.push({
      label: "expired",
      matches: (t, now) => t.expiresAt != null && time(t.expiresAt) <= now.getTime(),
    });
  }
  if (flags.expiresWithin !== undefined) {
    const within = filterDuration(flags.expiresWithin, "--expires-within");
    // Still valid now and expired by then: an expired token is --expired's business.
    filters.push({
      label: `expiring within ${flags.expiresWithin.trim()}`,
      matches: (t, now) =>
        t.expiresAt != null &&
        time(t.expiresAt) > now.getTime() &&
        time(t.expiresAt) <= now.getTime() + within,
    });
  }
  if (flags.neverExpires) {
    filters.push({ label: "never expiring", matches: (t) => t.expiresAt == null });
  }
  if (flags.unusedFor !== undefined) {
    const unused = filterDuration(flags.unusedFor, "--unused-for");
    // A token never used counts as unused since it was made.
    filters.push({
      label: `unused for ${flags.unusedFor.trim()}`,
      matches: (t, now) => time(t.lastUsed ?? t.createdAt) <= now.getTime() - unused,
    });
  }
  if (flags.name !== undefined) {
    const pattern = nameGlob(flags.name);
    filters.push({ label: `name ${flags.name}`, matches: (t) => pattern.test(t.name) });
  }
  if (flags.scope !== undefined) {
    const wanted = formatScope(parseScope(flags.scope));
    filters.push({ label: `reaching ${wanted}`, matches: (t) => scopeReaches(t, wanted) });
  }
  return filters;
}

export function selectTokens(
  tokens: readonly ServiceTokenData[],
  filters: readonly TokenFilter[],
  now: Date,
): ServiceTokenData[] {
  return tokens.filter((token) => filters.every((filter) => filter.matches(token, now)));
}
