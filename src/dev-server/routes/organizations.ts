import {
  createOrganizationRequestSchema,
  organizationResponseSchema,
  updateOrganizationRequestSchema,
} from "../../api/dev-server-schemas.js";
import { listOrganizationsResponseSchema } from "../../api/auth-schemas.js";
import { forbidden, HttpError, notFound } from "../http-error.js";
import { route, type Route } from "../route.js";
import type { OrganizationRecord } from "../state.js";
import { issueAccessToken } from "../tokens.js";

/** The organization as the server returns it, field for field. */
export function serializeOrganization(org: OrganizationRecord) {
  return {
    id: org.id,
    name: org.name,
    customerId: null,
    slug: org.slug,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    authEnforced: false,
    googleSsoAuthEnforced: false,
    scimEnabled: false,
    kmsDefaultKeyId: null,
    defaultMembershipRole: "member",
    enforceMfa: false,
    selectedMfaMethod: null,
    allowSecretSharingOutsideOrganization: true,
    shouldUseNewPrivilegeSystem: true,
    privilegeUpgradeInitiatedByUsername: null,
    privilegeUpgradeInitiatedAt: null,
    bypassOrgAuthEnabled: false,
    userTokenExpiration: null,
    secretsProductEnabled: true,
    pkiProductEnabled: true,
    kmsProductEnabled: true,
    sshProductEnabled: true,
    scannerProductEnabled: true,
    shareSecretsProductEnabled: true,
    maxSharedSecretLifetime: 2592000,
    maxSharedSecretViewLimit: null,
    blockDuplicateSecretSyncDestinations: false,
    allowCrossProjectSecretSharing: false,
    rootOrgId: null,
    parentOrgId: null,
    secretShareBrandConfig: null,
  };
}

/** GET /api/v1/organization adds the caller's membership. */
function listedOrganization(org: OrganizationRecord) {
  return {
    ...serializeOrganization(org),
    orgAuthMethod: "",
    userRole: "admin",
    userJoinedAt: org.createdAt,
  };
}

export const organizationRoutes: Route[] = [
  route({
    method: "GET",
    path: "/api/v1/organization",
    auth: { modes: ["jwt"], requireOrg: false },
    response: listOrganizationsResponseSchema,
    handle: ({ identity, deps }) => {
      const { userId } = identity;
      const organizations = [...deps.state.organizations.values()].filter((org) =>
        org.memberIds.has(userId),
      );
      return { organizations: organizations.map(listedOrganization) };
    },
  }),
  route({
    method: "POST",
    path: "/api/v2/organizations",
    auth: { modes: ["jwt"], requireOrg: false },
    body: createOrganizationRequestSchema,
    response: organizationResponseSchema,
    handle: ({ body, identity, deps }) => ({
      organization: serializeOrganization(deps.state.addOrganization(body.name, [identity.userId])),
    }),
  }),
  route({
    // Only with a login selected for that organization; the answer carries a new login without one.
    method: "DELETE",
    path: "/api/v2/organizations/:organizationId",
    auth: { modes: ["jwt"] },
    response: organizationResponseSchema,
    handle: ({ params, identity, deps }) => {
      const org = deps.state.organizations.get(params.organizationId);
      if (!org) throw notFound(`Organization with ID '${params.organizationId}' not found`);
      if (identity.organizationId !== org.id)
        throw forbidden("ForbiddenError", "You are not allowed to delete this organization");
      deps.state.removeOrganization(org.id);
      return {
        organization: serializeOrganization(org),
        accessToken: issueAccessToken(deps, { userId: identity.userId }),
      };
    },
  }),
  route({
    // Enforcing MFA needs a licence the dev server, like a self-hosted server without one, lacks.
    method: "PATCH",
    path: "/api/v1/organization/:organizationId",
    auth: { modes: ["jwt"] },
    body: updateOrganizationRequestSchema,
    response: organizationResponseSchema,
    handle: ({ params, body, identity, deps }) => {
      const org = deps.state.organizations.get(params.organizationId);
      if (!org || identity.organizationId !== org.id)
        throw forbidden("ForbiddenError", "You are not allowed to access this resource");
      if (body.enforceMfa !== undefined)
        throw new HttpError(
          400,
          "Failed to enforce user MFA due to plan restriction. Upgrade plan to enforce/un-enforce MFA.",
          "BadRequest",
        );
      if (body.name) org.name = body.name;
      return { organization: serializeOrganization(org) };
    },
  }),
];
