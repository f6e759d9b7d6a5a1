import {
  checkAuthResponseSchema,
  currentUserResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  revokeSessionsResponseSchema,
  selectOrganizationRequestSchema,
  selectOrganizationResponseSchema,
} from "../../api/auth-schemas.js";
import { checkUserSession, verifyTokenOr403 } from "../auth.js";
import { forbidden, HttpError, somethingWentWrong, unauthorized } from "../http-error.js";
import { Reply, route, type Route, type RouteContext, type ServerDeps } from "../route.js";
import { requiredMfaMethod, startMfaChallenge } from "../mfa.js";
import type { User } from "../state.js";
import { issueAccessToken, issueRefreshToken } from "../tokens.js";

function bearer(headers: RouteContext<unknown, unknown, unknown>["headers"]): string | undefined {
  const header = headers.authorization;
  return typeof header === "string" ? header.replace("Bearer ", "") : undefined;
}

/** The user of a login (a user JWT the route's auth accepted), or 401 if it is gone. */
export function loggedInUser(ctx: { identity: { userId: string }; deps: ServerDeps }): User {
  const user = ctx.deps.state.users.get(ctx.identity.userId);
  if (!user) throw unauthorized("You are not allowed to access this resource");
  return user;
}

/** A 200 answer that also sets the refresh-token cookie, as the login routes do. */
export function withRefreshCookie<T>(body: T, deps: ServerDeps, userId: string): Reply<T> {
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
      const user = ctx.deps.state.users.get(userId);
      if (!claims.authMethod || !user)
        throw unauthorized("You are not allowed to access this resource");
      const orgId = ctx.body.organizationId;
      if (!ctx.deps.state.isMember(userId, orgId)) {
        throw forbidden(
          "ForbiddenError",
          `User does not have access to the organization with ID ${orgId}`,
        );
      }
      // Asked again unless this token passed the same method for this organization.
      const method = requiredMfaMethod(ctx.deps, user);
      if (
        method &&
        (claims.isMfaVerified !== true ||
          claims.mfaMethod !== method ||
          claims.organizationId !== orgId)
      )
        return startMfaChallenge(ctx.deps, user, orgId, method);
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
    handle: (ctx) => {
      const user = loggedInUser(ctx);
      return {
        user: {
          id: user.id,
          email: user.email,
          username: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          authMethods: ["email"],
          isAccepted: true,
          isMfaEnabled: user.mfa.enabled,
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
