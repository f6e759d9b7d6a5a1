import { createHmac, timingSafeEqual } from "node:crypto";
import { decodeJwtSegment } from "../core/jwt-claims.js";

/** Thrown with the same messages jsonwebtoken uses, which the real server maps to its answers. */
export class JwtError extends Error {}

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

function sign(data: string, secret: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${HEADER}.${body}.${sign(`${HEADER}.${body}`, secret)}`;
}

function decodePart(part: string): Record<string, unknown> {
  const value = decodeJwtSegment(part);
  if (value === undefined) throw new JwtError("invalid token");
  return value;
}

/** HS256 verification in the order jsonwebtoken checks: shape, header, signature, expiry. */
export function verifyJwt(
  token: string,
  secret: string,
  nowSeconds: number,
): Record<string, unknown> {
  if (!token) throw new JwtError("jwt must be provided");
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtError("jwt malformed");
  const [header, body, signature] = parts as [string, string, string];
  if (decodePart(header).alg !== "HS256") throw new JwtError("invalid algorithm");
  const expected = Buffer.from(sign(`${header}.${body}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new JwtError("invalid signature");
  const payload = decodePart(body);
  if (typeof payload.exp === "number" && payload.exp <= nowSeconds)
    throw new JwtError("jwt expired");
  return payload;
}

/** The server's error handler rewrites a few jsonwebtoken messages. */
export function tokenErrorMessage(error: JwtError): string {
  switch (error.message) {
    case "jwt expired":
      return "Your token has expired. Please re-authenticate.";
    case "jwt malformed":
      return "The provided access token is malformed. Please use a valid token or generate a new one and try again.";
    case "invalid algorithm":
      return "The access token is signed with an invalid algorithm. Please provide a valid token and try again.";
    default:
      return error.message;
  }
}
