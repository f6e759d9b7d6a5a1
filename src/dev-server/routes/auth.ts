import {
  checkAuthResponseSchema,
  currentUserResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  mfaVerifyRequestSchema,
  mfaVerifyResponseSchema,
  revokeSessionsResponseSchema,
  selectOrganizationRequestSchema,
  selectOrganizationResponseSchema,
} from "../../api/schemas.js";
import { checkUserSession, verifyTokenOr403 } from "../auth.js";
import { forbidden, HttpError, somethingWentWrong, unauthorized } from "../http-error.js";
import {
  RawResponse,
  Reply,
  route,
  type Route,
  type RouteContext,
  type ServerDeps,
} from "../route.js";
import { issueAccessToken, issueMfaToken, issueRefreshToken } from "../tokens.js";

/**
 * A wrong code is answered as the real server answers it: an authenticator code that is not 6
 * characters is 400 and a wrong one 403 Invalid TOTP; for an e-mailed code (or a WebAuthn
 * session token) the server's token check throws a plain Error, which reaches the client as
 * 500 Something went wrong.
 */
function checkMfaCode(code: string, method: string, expected: string): void {
  if (method === "totp" && code.length !== 6)
    throw new HttpError(400, "Please use a valid TOTP code.", "BadRequest");
  if (method === "webauthn" && !code)
    throw new HttpError(400, "WebAuthn session token is required", "BadRequest");
  if (code === expected) return;
  throw method === "totp" ? forbidden("ForbiddenError", "Invalid TOTP") : somethingWentWrong();
}

function bearer(headers: RouteContext<unknown, unknown, unknown>["headers"]): string | undefined {
  const header = headers.authorization;
  return typeof header === "string" ? header.replace("Bearer ", "") : undefined;
}

/** A 200 answer that also sets the refresh-token cookie, as the login routes do. */
function withRefreshCookie<T>(body: T, deps: ServerDeps, userId: string): Reply<T> {
  return new Reply(body, {
    "set-cookie": `jid=${issueRefreshToken(deps, userId)}; Path=/api; HttpOnly; SameSite=Strict`,
  });
}

export const authRoutes: Route[] = [
  route({
    method: "POST",
    path: "/api/v3/auth/login",
    skipIdentity: true,
    body: loginRequestSchema,
    response: loginResponseSchema,
    handle: (ctx) => {
      // The real server throws a plain Error without a User-Agent, which becomes a 500.
      if (!ctx.headers["user-agent"]) throw somethingWentWrong();
      const email = ctx.body.email.toLowerCase();
      const user = [...ctx.deps.state.users.values()].find((u) => u.email.toLowerCase() === email);
      if (!user || user.password !== ctx.body.password)
        throw new HttpError(400, "Invalid credentials", "BadRequest");
      return withRefreshCookie(
        { accessToken: issueAccessToken(ctx.deps, { userId: user.id }) },
        ctx.deps,
        user.id,
      );
    },
  }),
  route({
    method: "POST",
    path: "/api/v3/auth/select-organization",
    skipIdentity: true,
    body: selectOrganizationRequestSchema,
    response: selectOrganizationResponseSchema,
    handle: (ctx) => {
      if (!ctx.headers["user-agent"])
        throw unauthorized(
          "You are not allowed to access this resource",
          "User-Agent header is required",
        );
      const token = bearer(ctx.headers);
      if (!token) throw unauthorized("You are not allowed to access this resource");
      const claims = verifyTokenOr403(token, ctx.deps);
      checkUserSession(claims, ctx.deps);
      const userId = typeof claims.userId === "string" ? claims.userId : "";
      if (!claims.authMethod || !ctx.deps.state.users.has(userId))
        throw unauthorized("You are not allowed to access this resource");
      const orgId = ctx.body.organizationId;
      if (!ctx.deps.state.isMember(userId, orgId)) {
        throw forbidden(
          "ForbiddenError",
          `User does not have access to the organization with ID ${orgId}`,
        );
      }
      if (ctx.deps.mfa.enabled && claims.isMfaVerified !== true) {
        return {
          token: issueMfaToken(ctx.deps, userId),
          isMfaEnabled: true,
          mfaMethod: "email" as const,
        };
      }
      const organizationToken = issueAccessToken(ctx.deps, {
        userId,
        organizationId: orgId,
        isMfaVerified: claims.isMfaVerified === true,
        mfaMethod: typeof claims.mfaMethod === "string" ? claims.mfaMethod : undefined,
      });
      return withRefreshCookie({ token: organizationToken, isMfaEnabled: false }, ctx.deps, userId);
    },
  }),
  route({
    method: "POST",
    path: "/api/v2/auth/mfa/verify",
    skipIdentity: true,
    body: mfaVerifyRequestSchema,
    response: mfaVerifyResponseSchema,
    handle: (ctx) => {
      const header = ctx.headers.authorization;
      if (typeof header !== "string" || !header.startsWith("Bearer ")) {
        return new RawResponse(401, { error: "Missing bearer token" });
      }
      const claims = verifyTokenOr403(header.slice(7), ctx.deps);
      if (claims.authTokenType !== "mfaToken" || typeof claims.userId !== "string")
        throw somethingWentWrong();
      const { lockout } = ctx.deps;
      try {
        lockout.check(claims.userId);
        // A mailed code of a challenge that a newer one replaced was deleted: a plain 500.
        if (
          ctx.body.mfaMethod !== "totp" &&
          ctx.deps.state.mfaChallenges.get(claims.userId) !== claims.challengeId
        )
          throw somethingWentWrong();
        checkMfaCode(ctx.body.mfaToken, ctx.body.mfaMethod, ctx.deps.mfa.code);
      } catch (error) {
        lockout.failed(claims.userId);
        throw error;
      }
      lockout.succeeded(claims.userId);
      const token = issueAccessToken(ctx.deps, {
        userId: claims.userId,
        isMfaVerified: true,
        mfaMethod: ctx.body.mfaMethod,
      });
      return withRefreshCookie({ token }, ctx.deps, claims.userId);
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/auth/checkAuth",
    auth: { modes: ["jwt"], requireOrg: false },
    response: checkAuthResponseSchema,
    handle: () => ({ message: "Authenticated" }),
  }),
  route({
    method: "GET",
    path: "/api/v1/user",
    auth: { modes: ["jwt"], requireOrg: false },
    response: currentUserResponseSchema,
    handle: ({ identity, deps }) => {
      const user = deps.state.users.get(identity.userId);
      if (!user) throw unauthorized("You are not allowed to access this resource");
      return {
        user: {
          id: user.id,
          email: user.email,
          username: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          authMethods: ["email"],
          isAccepted: true,
          isMfaEnabled: false,
          createdAt: user.createdAt,
          updatedAt: user.updatedAt,
        },
      };
    },
  }),
  route({
    // Every session of the user ends, the calling one included; service tokens are untouched.
    method: "DELETE",
    path: "/api/v2/users/me/sessions",
    auth: { modes: ["jwt"], requireOrg: false },
    response: revokeSessionsResponseSchema,
    handle: ({ identity, deps }) => {
      deps.state.revokeSessions(identity.userId);
      return { message: "Successfully revoked all sessions" };
    },
  }),
];
