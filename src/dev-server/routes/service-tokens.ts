import { createServiceTokenRequestSchema, serviceTokenDataSchema } from "../../api/schemas.js";
import type { Identity, JwtIdentity } from "../auth.js";
import { notFound } from "../http-error.js";
import type { DevState } from "../state.js";
import { route, type Route } from "../route.js";
import type { ServiceTokenRow } from "../state.js";
import { projectFor } from "./projects.js";

/** The row without secretHash, encryptedKey, iv and tag, in the server's field order. */
export function sanitizeServiceToken(row: ServiceTokenRow) {
  return serviceTokenDataSchema.parse(row);
}

export const serviceTokenRoutes: Route[] = [
  route({
    method: "POST",
    path: "/api/v2/service-token",
    auth: { modes: ["jwt"] },
    body: createServiceTokenRequestSchema,
    handle: ({ body, identity, deps }) => {
      const user = identity as JwtIdentity;
      const project = projectFor(deps.state, user, body.workspaceId);
      const known = new Set(project.environments.map((e) => e.slug));
      if (!body.scopes.every((scope) => known.has(scope.environment))) {
        throw notFound("One or more selected environments not found");
      }
      const { row, secret } = deps.state.addServiceToken({
        name: body.name,
        projectId: project.id,
        scopes: body.scopes,
        permissions: body.permissions,
        expiresInSeconds: body.expiresIn,
        createdBy: user.userId,
        encryptedKey: body.encryptedKey,
        iv: body.iv,
        tag: body.tag,
      });
      return {
        serviceToken: `st.${row.id}.${secret}`,
        serviceTokenData: sanitizeServiceToken(row),
      };
    },
  }),
  route({
    // Describes the calling service token: the full row (hash included) plus legacy fields.
    method: "GET",
    path: "/api/v2/service-token",
    auth: { modes: ["serviceToken"] },
    handle: ({ identity, deps }) => {
      const row = (identity as Extract<Identity, { mode: "serviceToken" }>).token;
      const creator = deps.state.users.get(row.createdBy);
      if (!creator) throw notFound(`Service token with ID ${row.id} has no associated creator`);
      return {
        ...row,
        workspace: row.projectId,
        user: {
          authMethods: ["email"],
          id: creator.id,
          createdAt: creator.createdAt,
          updatedAt: creator.updatedAt,
          devices: [{ ip: "127.0.0.1", userAgent: "cli" }],
          email: creator.email,
          firstName: creator.firstName,
          lastName: creator.lastName,
          mfaMethods: null,
          __v: 0,
          _id: creator.id,
        },
        _id: row.id,
        __v: 0,
      };
    },
  }),
  route({
    method: "DELETE",
    path: "/api/v2/service-token/:serviceTokenId",
    auth: { modes: ["jwt"] },
    handle: ({ params, identity, deps }) => {
      const id = (params.serviceTokenId as string).trim();
      const row = deps.state.serviceTokens.get(id);
      if (!row) throw notFound(`Service token with ID '${id}' not found`);
      projectFor(deps.state, identity as JwtIdentity, row.projectId);
      deps.state.serviceTokens.delete(id);
      return { serviceTokenData: sanitizeServiceToken(row) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/projects/:projectId/service-token-data",
    auth: { modes: ["jwt"] },
    handle: ({ params, identity, deps }) => {
      const project = projectFor(deps.state, identity as JwtIdentity, params.projectId as string);
      return { serviceTokenData: tokensOf(deps.state, project.id).map(sanitizeServiceToken) };
    },
  }),
];

/** Newest first, as the server sorts them. */
function tokensOf(state: DevState, projectId: string): ServiceTokenRow[] {
  return [...state.serviceTokens.values()]
    .reverse()
    .filter((row) => row.projectId === projectId)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
