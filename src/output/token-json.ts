import type { ServiceTokenData } from "../api/schemas.js";

/**
 * The documented --json fields of one token (list, and the base of create's and view's). A
 * module of its own, so that create and view do not load the table and its width library.
 */
export function tokenJson(token: ServiceTokenData) {
  return {
    id: token.id,
    name: token.name,
    projectId: token.projectId,
    scopes: token.scopes.map(({ environment, secretPath }) => ({ environment, secretPath })),
    permissions: token.permissions,
    expiresAt: token.expiresAt ?? null,
    lastUsed: token.lastUsed ?? null,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
  };
}
