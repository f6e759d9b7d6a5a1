import { AuthError } from "../errors.js";
import { formatTimestamp } from "../output/time.js";

/** Refuse a token this close to expiry: it could expire while the request is in flight. */
export const EXPIRY_MARGIN_SECONDS = 30;

export interface JwtClaims {
  authTokenType?: unknown;
  userId?: unknown;
  organizationId?: unknown;
  identityId?: unknown;
  exp?: unknown;
  [claim: string]: unknown;
}

/** One JWT segment (header or payload): base64url JSON that must be an object. */
export function decodeJwtSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return json !== null && typeof json === "object" && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a JWT's payload without verifying it: only the server can verify; we only pre-check. */
export function decodeJwtPayload(token: string): JwtClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  return decodeJwtSegment(parts[1]);
}

export type TokenKind = "user" | "service-token" | "machine-identity" | "other" | "not-a-jwt";

export function classifyToken(token: string): TokenKind {
  if (token.startsWith("st.")) return "service-token";
  const claims = decodeJwtPayload(token);
  if (!claims) return "not-a-jwt";
  if (claims.authTokenType === "accessToken") return "user";
  if (claims.authTokenType === "identityAccessToken" || claims.identityId !== undefined) {
    return "machine-identity";
  }
  return "other";
}

const KIND_WORDS: Record<Exclude<TokenKind, "user">, string> = {
  "service-token": "a service token (st.…)",
  "machine-identity": "a machine-identity access token",
  other: "a JWT that is not a user access token",
  "not-a-jwt": "not a JWT",
};

export function describeTokenKind(kind: Exclude<TokenKind, "user">): string {
  return KIND_WORDS[kind];
}

export interface UserTokenFacts {
  organizationId: string;
  expiresAt: Date;
}

/**
 * The checks the server would make, done locally so the user gets a precise message before any
 * request: right kind of token, not expired (with a margin), an organization selected.
 * `source` names where the token came from, for the message.
 */
export function checkUserToken(token: string, source: string, now: Date): UserTokenFacts {
  const kind = classifyToken(token);
  if (kind !== "user") {
    throw new AuthError(
      `the token from ${source} is ${describeTokenKind(kind)}, not a user login`,
      {
        details: ["service tokens can only be created by a logged-in user"],
        hint: "run `infisical login`, or pass a user access token with --token",
      },
    );
  }
  const claims = decodeJwtPayload(token) as JwtClaims;
  const exp = typeof claims.exp === "number" ? claims.exp : undefined;
  if (exp === undefined || exp * 1000 <= now.getTime() + EXPIRY_MARGIN_SECONDS * 1000) {
    const when = exp === undefined ? "" : ` on ${formatTimestamp(new Date(exp * 1000))}`;
    throw new AuthError(`the session from ${source} has expired${when}`, {
      hint: "run `infisical login` to start a new session",
    });
  }
  if (typeof claims.organizationId !== "string" || claims.organizationId === "") {
    throw new AuthError(`the session from ${source} has no organization selected`, {
      hint: "run `infisical login` again and choose an organization",
    });
  }
  return {
    organizationId: claims.organizationId,
    expiresAt: new Date(exp * 1000),
  };
}
