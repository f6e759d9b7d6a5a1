import {
  createServiceTokenRequestSchema,
  createServiceTokenResponseSchema,
  deleteServiceTokenResponseSchema,
  listServiceTokensResponseSchema,
  serviceTokenDataSchema,
  serviceTokenDetailsSchema,
} from "../../api/schemas.js";
import { notFound } from "../http-error.js";
import { route, type Route } from "../route.js";
import type { DevState, ServiceTokenRow } from "../state.js";
import { projectFor } from "./projects.js";

/** The row without secretHash, encryptedKey, iv and tag, in the server's field order. */
export function sanitizeServiceToken(row: ServiceTokenRow) {
  return serviceTokenDataSchema.parse(row);
}

/** Newest first, as the server sorts them. */
function tokensOf(state: DevState, projectId: string): ServiceTokenRow[] {
  return [...state.serviceTokens.values()]
    .reverse()
    .filter((row) => row.projectId === projectId)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export const serviceTokenRoutes: Route[] = [
  route({
    method: "POST",
    path: "/api/v2/service-token",
    auth: { modes: ["jwt"] },
    body: createServiceTokenRequestSchema,
    response: createServiceTokenResponseSchema,
    handle: ({ body, identity, deps }) => {
      const project = projectFor(deps.state, identity, body.workspaceId);
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
        createdBy: identity.userId,
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
    response: serviceTokenDetailsSchema,
    handle: ({ identity, deps }) => {
      const row = identity.token;
      const creator = deps.state.users.get(row.createdBy);
      if (!creator) throw notFound(`Service token with ID ${row.id} has no associated creator`);
      const user = {
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
      };
      return { ...row, workspace: row.projectId, user, _id: row.id, __v: 0 };
    },
  }),
  route({
    method: "DELETE",
    path: "/api/v2/service-token/:serviceTokenId",
    auth: { modes: ["jwt"] },
    response: deleteServiceTokenResponseSchema,
    handle: ({ params, identity, deps }) => {
      const id = params.serviceTokenId.trim();
      const row = deps.state.serviceTokens.get(id);
      if (!row) throw notFound(`Service token with ID '${id}' not found`);
      projectFor(deps.state, identity, row.projectId);
      deps.state.serviceTokens.delete(id);
      return { serviceTokenData: sanitizeServiceToken(row) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/projects/:projectId/service-token-data",
    auth: { modes: ["jwt"] },
    response: listServiceTokensResponseSchema,
    handle: ({ params, identity, deps }) => {
      const project = projectFor(deps.state, identity, params.projectId);
      return { serviceTokenData: tokensOf(deps.state, project.id).map(sanitizeServiceToken) };
    },
  }),
];
