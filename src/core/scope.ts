import type { Scope } from "../api/schemas.js";
import { UsageError } from "../errors.js";
import { splitListValue, uniqueBy } from "./list-value.js";

export type { Scope };

const ENV_SLUG = /^[A-Za-z0-9_-]+$/;
const FORMAT_HINT =
  "each scope is <environment>:<path>, e.g. --scope dev:/ or --scope prod:/backend/**";

function malformed(item: string, why: string): UsageError {
  return new UsageError(`invalid --scope ${JSON.stringify(item)}: ${why}`, { hint: FORMAT_HINT });
}

/** `/a/b//` -> `/a/b`; `/` and `//` -> `/`. */
export function normaliseSecretPath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

export function parseScope(item: string): Scope {
  const text = item.trim();
  if (text === "") throw malformed(item, "it is empty (a stray comma?)");
  const colon = text.indexOf(":");
  if (colon === -1) throw malformed(item, "it has no path; add one after a colon");
  const environment = text.slice(0, colon).trim();
  const path = text.slice(colon + 1).trim();
  if (environment === "") throw malformed(item, "the environment slug before ':' is missing");
  if (!ENV_SLUG.test(environment)) {
    throw malformed(item, "an environment slug has only letters, digits, '-' and '_'");
  }
  if (path === "") throw malformed(item, "the path after ':' is missing");
  if (!path.startsWith("/")) {
    throw malformed(item, `the path must start with '/' (did you mean ${environment}:/${path}?)`);
  }
  return { environment, secretPath: normaliseSecretPath(path) };
}

/** All --scope values (each possibly a comma list) -> distinct scopes, in the order given. */
export function parseScopes(values: readonly string[]): Scope[] {
  const scopes = values.flatMap((value) => splitListValue(value, "--scope").map(parseScope));
  if (scopes.length === 0) {
    throw new UsageError("no scope given: say which environments and paths the token may use", {
      hint: "add --scope <environment>:<path>, e.g. --scope dev:/",
    });
  }
  return uniqueBy(scopes, (s) => `${s.environment}\u0000${s.secretPath}`);
}

export function formatScope(scope: Scope): string {
  return `${scope.environment}:${scope.secretPath}`;
}

/**
 * What a scope grants, as the server enforces it: a plain path is that one folder (the root
 * folder `/` is not "the whole environment"); `**` reaches every folder below.
 */
export function describeScope({ secretPath }: Scope): string {
  if (secretPath === "/") return "root folder only";
  if (secretPath === "/**") return "every folder";
  if (secretPath.endsWith("/**") && !/[*?{]/.test(secretPath.slice(0, -3)))
    return `${secretPath.slice(0, -3)} and every folder below it`;
  if (/[*?{]/.test(secretPath)) return "the folders that match the pattern";
  return `folder ${secretPath} only`;
}

/** `dev:/ — root folder only`. */
export function formatScopeWithGrant(scope: Scope): string {
  return `${formatScope(scope)} — ${describeScope(scope)}`;
}
