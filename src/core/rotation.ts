import type { ServiceTokenData } from "../api/schemas.js";
import { UsageError } from "../errors.js";
import { ACCESS_LEVELS, type AccessLevel } from "./flag-values.js";
import type { CreateInput } from "./create-request.js";
import { resolveExpiry } from "./expiry.js";

/**
 * How long the token was made to live, in whole seconds (0: it never expires): what the server
 * stored as expiry minus creation, as the create asked for it.
 */
export function validitySeconds(token: Pick<ServiceTokenData, "expiresAt" | "createdAt">): number {
  if (!token.expiresAt) return 0;
  return Math.round((Date.parse(token.expiresAt) - Date.parse(token.createdAt)) / 1000);
}

/**
 * The create that replaces `old`: its name, scopes and permissions, and its validity length
 * unless --expires-in / --expiry-seconds say otherwise.
 */
export function rotationInput(
  old: ServiceTokenData,
  expiry: { expiresIn?: string | undefined; expirySeconds?: string | undefined },
): CreateInput {
  const unknown = old.permissions.filter((p) => !(ACCESS_LEVELS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new UsageError(
      `the token ${old.id} has permissions this CLI cannot give a new token: ${unknown.join(", ")}`,
    );
  }
  const given = expiry.expiresIn !== undefined || expiry.expirySeconds !== undefined;
  const length = given ? resolveExpiry(expiry) : validitySeconds(old);
  if (length < 0) {
    throw new UsageError(
      `the token ${old.id} expired before it was created, so it has no length to copy`,
      {
        hint: "say how long the new one lives: --expires-in 30d",
      },
    );
  }
  return {
    name: old.name,
    scopes: old.scopes.map(({ environment, secretPath }) => ({ environment, secretPath })),
    permissions: old.permissions as AccessLevel[],
    expiresIn: length,
  };
}
