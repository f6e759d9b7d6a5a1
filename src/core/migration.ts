/**
 * What `service-token migrate` asks of the server, as a pure function of the token: the
 * additional privileges that give an identity exactly the token's reach (what the server builds
 * for a service token's scopes, recordings 219 and 243), the client secret's lifetime, and the
 * folders read to prove it.
 */
import type { PermissionRule } from "../api/identities.js";
import type { ServiceTokenData } from "../api/schemas.js";
import { UsageError } from "../errors.js";

/** The rules of each access level, on the three subjects a scope covers. */
const RULES_OF: Record<string, Record<string, string[]>> = {
  read: {
    secrets: ["describeSecret", "readValue"],
    "secret-folders": ["read"],
    "secret-imports": ["read"],
  },
  write: {
    secrets: ["create", "edit", "delete"],
    "secret-folders": ["create", "edit", "delete"],
    "secret-imports": ["create", "edit", "delete"],
  },
};

export interface PlannedPrivilege {
  slug: string;
  permissions: PermissionRule[];
}

/** A name as the server takes a slug: lowercase letters, digits and dashes. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug || "service-token";
}

/** One privilege per access level of the token, each with a rule per scope and subject. */
export function privilegesFor(
  token: Pick<ServiceTokenData, "name" | "scopes" | "permissions">,
): PlannedPrivilege[] {
  return token.permissions
    .filter((level) => RULES_OF[level])
    .map((level) => ({
      slug: `${slugOf(token.name)}-${level}`,
      permissions: token.scopes.flatMap(({ environment, secretPath }) =>
        Object.entries(RULES_OF[level] as Record<string, string[]>).map(([subject, action]) => ({
          subject,
          action,
          conditions: { environment, secretPath: { $glob: secretPath } },
        })),
      ) as PermissionRule[],
    }));
}

/**
 * The client secret lives as long as the token had left (whole seconds), or forever for a
 * token that never expires; --client-secret-ttl says otherwise.
 */
export function clientSecretTtl(
  token: Pick<ServiceTokenData, "id" | "expiresAt">,
  now: Date,
  override?: number,
): number {
  if (override !== undefined) return override;
  if (!token.expiresAt) return 0;
  const left = Math.floor((Date.parse(token.expiresAt) - now.getTime()) / 1000);
  if (left <= 0) {
    throw new UsageError(`the service token ${token.id} has expired: there is nothing to migrate`, {
      hint: "create the identity's access yourself, or give the secret a lifetime with --client-secret-ttl",
    });
  }
  return left;
}

/** The folder a scope's check reads: its path up to the first glob character. */
export function folderToRead(secretPath: string): string {
  const plain = secretPath.split("/").filter(Boolean);
  const firstGlob = plain.findIndex((part) => /[*?{[]/.test(part));
  const kept = firstGlob === -1 ? plain : plain.slice(0, firstGlob);
  return `/${kept.join("/")}`;
}
