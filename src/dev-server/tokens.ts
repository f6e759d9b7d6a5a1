import { randomUUID } from "node:crypto";
import { signJwt } from "./jwt.js";
import type { DevState } from "./state.js";

export interface TokenDeps {
  state: DevState;
  jwtSecret: string;
  now: () => Date;
}

export const ACCESS_TOKEN_LIFETIME_SECONDS = 10 * 86_400; // the server's default JWT_AUTH_LIFETIME
const MFA_TOKEN_LIFETIME_SECONDS = 5 * 60;
const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 86_400;

function nowSeconds(deps: TokenDeps): number {
  return Math.floor(deps.now().getTime() / 1000);
}

export interface AccessTokenClaims {
  userId: string;
  organizationId?: string | undefined;
  isMfaVerified?: boolean;
  mfaMethod?: string;
  authTokenType?: string;
  lifetimeSeconds?: number;
}

/**
 * A user session token with the real server's claims, in its order. Each starts a session
 * (its tokenVersionId) that "sign out everywhere" ends.
 */
export function issueAccessToken(deps: TokenDeps, claims: AccessTokenClaims): string {
  const iat = nowSeconds(deps);
  const tokenVersionId = randomUUID();
  deps.state.sessions.set(tokenVersionId, claims.userId);
  return signJwt(
    {
      authMethod: "email",
      authTokenType: claims.authTokenType ?? "accessToken",
      userId: claims.userId,
      tokenVersionId,
      accessVersion: 1,
      ...(claims.organizationId ? { organizationId: claims.organizationId } : {}),
      ...(claims.isMfaVerified ? { isMfaVerified: true, mfaMethod: claims.mfaMethod } : {}),
      iat,
      exp: iat + (claims.lifetimeSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS),
    },
    deps.jwtSecret,
  );
}

export function issueRefreshToken(deps: TokenDeps, userId: string): string {
  const iat = nowSeconds(deps);
  return signJwt(
    {
      authMethod: "email",
      authTokenType: "refreshToken",
      userId,
      tokenVersionId: randomUUID(),
      refreshVersion: 1,
      iat,
      exp: iat + REFRESH_TOKEN_LIFETIME_SECONDS,
    },
    deps.jwtSecret,
  );
}

export interface MfaChallengeClaims {
  userId: string;
  organizationId: string;
  email: string;
  requiredMfaMethod: "email" | "totp";
}

/**
 * An MFA challenge, with the real server's claims (5 minutes). Each new challenge replaces the
 * user's last one: with the dev server's fixed code, the challenge id is what tells an
 * earlier mail's code from the newest (MFA.md, 348).
 */
export function issueMfaToken(deps: TokenDeps, claims: MfaChallengeClaims): string {
  const iat = nowSeconds(deps);
  const challengeId = randomUUID();
  deps.state.mfaChallenges.set(claims.userId, challengeId);
  return signJwt(
    {
      authMethod: "email",
      authTokenType: "mfaToken",
      ...claims,
      challengeId,
      iat,
      exp: iat + MFA_TOKEN_LIFETIME_SECONDS,
    },
    deps.jwtSecret,
  );
}
