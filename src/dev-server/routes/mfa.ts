import {
  mfaCheckTotpResponseSchema,
  mfaRecoveryCodeRequestSchema,
  mfaSendResponseSchema,
  sanitizedUserResponseSchema,
  totpConfigResponseSchema,
  totpRegisterResponseSchema,
  totpVerifyRequestSchema,
  totpVerifyResponseSchema,
  updateUserMfaRequestSchema,
} from "../../api/dev-server-schemas.js";
import { mfaVerifyRequestSchema, mfaVerifyResponseSchema } from "../../api/auth-schemas.js";
import { verifyTokenOr403 } from "../auth.js";
import { HttpError, somethingWentWrong } from "../http-error.js";
import {
  checkMfaCode,
  mailMfaCode,
  mailUnlockLink,
  newRecoveryCodes,
  useRecoveryCode,
  type MfaTokenClaims,
} from "../mfa.js";
import { RawResponse, route, type Route, type RouteContext } from "../route.js";
import type { User } from "../state.js";
import { issueAccessToken } from "../tokens.js";
import { loggedInUser, withRefreshCookie } from "./auth.js";
import { newTotpSecret, otpUrl, totpStepOf } from "../totp.js";

type AnyContext = RouteContext<unknown, unknown, unknown>;

/**
 * The MFA routes' own hook: without a bearer token it sends 401 `{error}`, which the real
 * server's response schema rejects, so the client sees 500 (MFA.md 319); any token but an MFA
 * token is a plain Error, also 500 (320).
 */
function mfaTokenUser(ctx: AnyContext): { user: User; claims: MfaTokenClaims } {
  const header = ctx.headers.authorization;
  if (typeof header !== "string" || !header.startsWith("Bearer ")) throw somethingWentWrong();
  const claims = verifyTokenOr403(header.slice(7), ctx.deps);
  const user = typeof claims.userId === "string" && ctx.deps.state.users.get(claims.userId);
  if (claims.authTokenType !== "mfaToken" || !user) throw somethingWentWrong();
  return { user, claims: { ...claims, userId: user.id } };
}

/** The token a passed MFA challenge gives: an access token for the challenge's organization. */
function passed(ctx: AnyContext, claims: MfaTokenClaims, method: string) {
  const { deps } = ctx;
  deps.lockout.succeeded(claims.userId);
  const token = issueAccessToken(deps, {
    userId: claims.userId,
    organizationId: typeof claims.organizationId === "string" ? claims.organizationId : undefined,
    isMfaVerified: true,
    mfaMethod: method,
  });
  return withRefreshCookie({ token }, deps, claims.userId);
}

/** Every failed try (and any try while locked) counts; the twelfth mails an unlock link. */
function countFailure(ctx: AnyContext, user: User): void {
  if (ctx.deps.lockout.failed(user.id, ctx.deps.now().getTime())) mailUnlockLink(ctx.deps, user);
}

function sanitized(user: User) {
  return {
    user: {
      username: user.email,
      email: user.email,
      isEmailVerified: true,
      firstName: user.firstName,
      lastName: user.lastName,
      authMethods: ["email"],
      id: user.id,
    },
  };
}

export const mfaRoutes: Route[] = [
  route({
    method: "POST",
    path: "/api/v2/auth/mfa/verify",
    skipIdentity: true,
    body: mfaVerifyRequestSchema,
    response: mfaVerifyResponseSchema,
    handle: (ctx) => {
      const { user, claims } = mfaTokenUser(ctx);
      try {
        ctx.deps.lockout.check(user.id, ctx.deps.now().getTime());
        checkMfaCode(ctx.deps, user, claims, ctx.body);
      } catch (error) {
        countFailure(ctx, user);
        throw error;
      }
      return passed(ctx, claims, ctx.body.mfaMethod);
    },
  }),
  route({
    method: "POST",
    path: "/api/v2/auth/mfa/verify/recovery-code",
    skipIdentity: true,
    body: mfaRecoveryCodeRequestSchema,
    response: mfaVerifyResponseSchema,
    handle: (ctx) => {
      const { user, claims } = mfaTokenUser(ctx);
      ctx.deps.lockout.check(user.id, ctx.deps.now().getTime());
      useRecoveryCode(user, ctx.body.recoveryCode);
      return passed(ctx, claims, "totp");
    },
  }),
  route({
    method: "GET",
    path: "/api/v2/auth/mfa/check/totp",
    skipIdentity: true,
    response: mfaCheckTotpResponseSchema,
    handle: (ctx) => ({ isVerified: mfaTokenUser(ctx).user.mfa.totp?.verified === true }),
  }),
  route({
    method: "POST",
    path: "/api/v2/auth/mfa/send",
    skipIdentity: true,
    response: mfaSendResponseSchema,
    handle: (ctx) => {
      const { user, claims } = mfaTokenUser(ctx);
      if (claims.requiredMfaMethod === "totp")
        throw new HttpError(
          400,
          "Email MFA code cannot be sent when a different MFA method is required",
          "BadRequest",
        );
      ctx.deps.lockout.check(user.id, ctx.deps.now().getTime());
      mailMfaCode(ctx.deps, user);
      return { message: "Successfully send new mfa code" };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/user/me/totp/register",
    auth: { modes: ["jwt"], requireOrg: false },
    response: totpRegisterResponseSchema,
    handle: (ctx) => {
      const user = loggedInUser(ctx);
      if (user.mfa.totp?.verified)
        throw new HttpError(400, "TOTP configuration already exists", "BadRequest");
      const secret = newTotpSecret();
      const recoveryCodes = newRecoveryCodes();
      user.mfa.totp = { secret, verified: false, recoveryCodes };
      return { otpUrl: otpUrl(user.email, secret), recoveryCodes };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/user/me/totp/verify",
    auth: { modes: ["jwt"], requireOrg: false },
    body: totpVerifyRequestSchema,
    response: totpVerifyResponseSchema,
    handle: (ctx) => {
      const totp = loggedInUser(ctx).mfa.totp;
      if (!totp || totpStepOf(totp.secret, ctx.body.totp, ctx.deps.now()) === undefined)
        throw new HttpError(400, "Invalid TOTP token", "BadRequest");
      totp.verified = true;
      return { recoveryCodes: totp.recoveryCodes };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/user/me/totp",
    auth: { modes: ["jwt"], requireOrg: false },
    response: totpConfigResponseSchema,
    handle: (ctx) => {
      const totp = loggedInUser(ctx).mfa.totp;
      if (!totp) throw new HttpError(404, "TOTP configuration not found", "NotFound");
      return { isVerified: totp.verified, recoveryCodes: totp.recoveryCodes };
    },
  }),
  route({
    method: "DELETE",
    path: "/api/v1/user/me/totp",
    auth: { modes: ["jwt"], requireOrg: false },
    response: totpConfigResponseSchema,
    handle: (ctx) => {
      delete loggedInUser(ctx).mfa.totp;
      return new RawResponse(200, "");
    },
  }),
  route({
    method: "PATCH",
    path: "/api/v2/users/me/mfa",
    auth: { modes: ["jwt"], requireOrg: false },
    body: updateUserMfaRequestSchema,
    response: sanitizedUserResponseSchema,
    handle: (ctx) => {
      const user = loggedInUser(ctx);
      const { isMfaEnabled, selectedMfaMethod } = ctx.body;
      if (isMfaEnabled !== undefined) user.mfa.enabled = isMfaEnabled;
      if (selectedMfaMethod === "email" || selectedMfaMethod === "totp")
        user.mfa.method = selectedMfaMethod;
      return sanitized(user);
    },
  }),
  route({
    // The link of the "Unlock your Infisical account" mail: back to the login page, unlocked.
    method: "GET",
    path: "/api/v1/user/:userId/unlock",
    response: mfaSendResponseSchema,
    handle: (ctx) => {
      const { state, lockout } = ctx.deps;
      const expected = state.unlockTokens.get(ctx.params.userId);
      if (!expected || ctx.query.get("token") !== expected)
        throw new HttpError(400, "Invalid unlock token", "BadRequest");
      state.unlockTokens.delete(ctx.params.userId);
      lockout.succeeded(ctx.params.userId);
      return new RawResponse(302, "", { location: "/login" });
    },
  }),
];
