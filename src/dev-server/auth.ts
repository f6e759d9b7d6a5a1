import type { IncomingMessage } from "node:http";
import { forbidden, HttpError, notFound, unauthorized } from "./http-error.js";
import { JwtError, tokenErrorMessage, verifyJwt } from "./jwt.js";
import type { MfaLockout } from "./mfa-lockout.js";
import type { DevState, ServiceTokenRow } from "./state.js";

export type Identity =
  | {
      mode: "jwt";
      userId: string;
      organizationId: string | undefined;
      claims: Record<string, unknown>;
    }
  | { mode: "identityAccessToken"; identityId: string; claims: Record<string, unknown> }
  | { mode: "serviceToken"; token: ServiceTokenRow };

export type AuthMode = Identity["mode"];

export interface AuthDeps {
  state: DevState;
  jwtSecret: string;
  now: () => Date;
  lockout: MfaLockout;
}

/**
 * What the real server checks of a user's JWT after its signature: that its session was not
 * revoked (404 Session not found) and that the account is not locked after wrong MFA codes
 * (401 Account is locked, for every login of the account).
 */
export function checkUserSession(claims: Record<string, unknown>, deps: AuthDeps): void {
  if (typeof claims.tokenVersionId === "string" && !deps.state.sessions.has(claims.tokenVersionId))
    throw new HttpError(404, "The requested entity is not found", "Session not found");
  if (
    typeof claims.userId === "string" &&
    deps.lockout.isLocked(claims.userId, deps.now().getTime())
  )
    throw unauthorized("Account is locked");
}

function validateServiceToken(value: string, deps: AuthDeps): ServiceTokenRow {
  // The server splits at most three ways: anything after the secret (the CLI's 4th part) is ignored.
  const [, id = "", secret = ""] = value.split(".", 3);
  const row = deps.state.serviceTokens.get(id);
  if (!row) throw notFound(`Service token with ID '${id}' not found`);
  if (!deps.state.projects.has(row.projectId))
    throw notFound(`Project with ID '${row.projectId}' not found`);
  if (row.expiresAt && new Date(row.expiresAt) < deps.now()) {
    deps.state.serviceTokens.delete(id);
    throw forbidden("ForbiddenError", "Service token has expired");
  }
  if (!deps.state.checkServiceTokenSecret(row, secret)) throw unauthorized("Invalid service token");
  // The real server records the use from a queue, after answering: the first answer says null.
  setImmediate(() => {
    row.lastUsed = deps.now().toISOString();
  });
  return row;
}

/**
 * The real server's identity injection: no header means anonymous; `st.` means a service token;
 * anything else must be a JWT signed by this server, classified by its authTokenType claim.
 * Like the real server, the scheme word is not checked: the value is whatever follows 7 chars.
 */
/** A JWT signed by this server, or the 403 TokenError the real server answers. */
export function verifyTokenOr403(token: string, deps: AuthDeps): Record<string, unknown> {
  try {
    return verifyJwt(token, deps.jwtSecret, Math.floor(deps.now().getTime() / 1000));
  } catch (error) {
    if (error instanceof JwtError) throw new HttpError(403, tokenErrorMessage(error), "TokenError");
    throw error;
  }
}

export function identify(req: IncomingMessage, deps: AuthDeps): Identity | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const value = header.slice(7);
  if (value.startsWith("st."))
    return { mode: "serviceToken", token: validateServiceToken(value, deps) };
  const claims = verifyTokenOr403(value, deps);
  if (claims.authTokenType === "accessToken" && typeof claims.userId === "string") {
    checkUserSession(claims, deps);
    const org =
      typeof claims.organizationId === "string" && claims.organizationId
        ? claims.organizationId
        : undefined;
    return { mode: "jwt", userId: claims.userId, organizationId: org, claims };
  }
  if (claims.authTokenType === "identityAccessToken") return identityFromToken(claims, deps);
  return null;
}

export interface AuthRequirement {
  modes: readonly AuthMode[];
  /** JWTs must carry an organization (true for everything but login helpers). */
  requireOrg?: boolean;
}

/** verifyAuth: 401 without credentials, 403 for a credential kind the route does not take. */
export function requireAuth(
  identity: Identity | null,
  rule: AuthRequirement,
  url: string,
): Identity {
  if (!identity) throw unauthorized("Token missing");
  if (!rule.modes.includes(identity.mode)) throw forbidden(`Forbidden access to ${url}`);
  if (identity.mode === "jwt" && (rule.requireOrg ?? true) && !identity.organizationId) {
    throw new HttpError(
      401,
      "You are not allowed to access this resource",
      `${url} Unauthorized Access, no organization found in request`,
    );
  }
  return identity;
}

/** An identity's access token: its identity, client secret and itself must still stand (261–270). */
function identityFromToken(claims: Record<string, unknown>, deps: AuthDeps): Identity {
  const { identities } = deps.state;
  const identityId = typeof claims.identityId === "string" ? claims.identityId : "";
  if (!identities.identities.has(identityId))
    throw unauthorized("Identity is not a member of the organization");
  if (identities.revokedAccessTokens.has(String(claims.identityAccessTokenId)))
    throw unauthorized("Failed to authorize: token has been revoked");
  const secret = identities.clientSecrets.get(String(claims.clientSecretId));
  if (!secret || secret.revoked)
    throw unauthorized("Failed to authorize: client secret has been revoked");
  return { mode: "identityAccessToken", identityId, claims };
}
