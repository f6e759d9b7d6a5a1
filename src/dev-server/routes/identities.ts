import {
  addIdentityMembershipLegacyRequestSchema,
  addIdentityMembershipRequestSchema,
  addIdentityMembershipResponseSchema,
  addPrivilegeRequestSchema,
  addPrivilegeResponseSchema,
  attachUniversalAuthRequestSchema,
  createClientSecretRequestSchema,
  createClientSecretResponseSchema,
  createIdentityRequestSchema,
  getIdentityMembershipResponseSchema,
  identityResponseSchema,
  listClientSecretsResponseSchema,
  listIdentitiesResponseSchema,
  listIdentityMembershipsResponseSchema,
  listPrivilegesResponseSchema,
  revokeAccessTokenRequestSchema,
  revokeAccessTokenResponseSchema,
  revokeClientSecretResponseSchema,
  universalAuthLoginRequestSchema,
  universalAuthLoginResponseSchema,
  universalAuthResponseSchema,
} from "../../api/identity-schemas.js";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Identity } from "../auth.js";
import { HttpError, notFound, unauthorized } from "../http-error.js";
import {
  BUILT_IN_PROJECT_ROLES,
  type ClientSecretRecord,
  type IdentityMembershipRecord,
  type IdentityRecord,
  type IdentityStore,
  type PrivilegeRecord,
  type UniversalAuthRecord,
} from "../identities.js";
import { signJwt } from "../jwt.js";
import { route, type Route, type ServerDeps } from "../route.js";
import { projectFor } from "./projects.js";

const badRequest = (message: string) => new HttpError(400, message, "BadRequest");
const ANY_IP = [
  { type: "ipv4", prefix: 0, ipAddress: "0.0.0.0" },
  { type: "ipv6", prefix: 0, ipAddress: "::" },
];

function authMethods(store: IdentityStore, identity: IdentityRecord): string[] {
  return store.universalAuth.has(identity.id) ? ["universal-auth"] : [];
}

function identityJson(store: IdentityStore, identity: IdentityRecord) {
  return {
    id: identity.id,
    name: identity.name,
    authMethod: null,
    createdAt: identity.createdAt,
    updatedAt: identity.updatedAt,
    hasDeleteProtection: identity.hasDeleteProtection,
    orgId: identity.orgId,
    projectId: null,
    authMethods: authMethods(store, identity),
    metadata: [],
  };
}

function universalAuthJson(ua: UniversalAuthRecord) {
  return {
    id: ua.id,
    clientId: ua.clientId,
    accessTokenTTL: ua.accessTokenTTL,
    accessTokenMaxTTL: ua.accessTokenMaxTTL,
    accessTokenNumUsesLimit: ua.accessTokenNumUsesLimit,
    clientSecretTrustedIps: ANY_IP,
    accessTokenTrustedIps: ANY_IP,
    createdAt: ua.createdAt,
    updatedAt: ua.updatedAt,
    identityId: ua.identityId,
    accessTokenPeriod: 0,
    lockoutEnabled: true,
    lockoutThreshold: 3,
    lockoutDurationSeconds: 300,
    lockoutCounterResetSeconds: 30,
  };
}

function clientSecretJson(secret: ClientSecretRecord) {
  return {
    id: secret.id,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
    description: secret.description,
    clientSecretPrefix: secret.prefix,
    clientSecretNumUses: secret.numUses,
    clientSecretNumUsesLimit: secret.numUsesLimit,
    clientSecretTTL: secret.ttl,
    identityUAId: secret.identityUAId,
    isClientSecretRevoked: secret.revoked,
  };
}

function rolesJson(membership: IdentityMembershipRecord, withCustomRoleId = false) {
  return membership.roles.map((r) => ({
    id: r.id,
    role: r.role,
    ...(withCustomRoleId ? { customRoleId: null } : {}),
    customRoleName: null,
    customRoleSlug: null,
    isTemporary: false,
    temporaryMode: null,
    temporaryRange: null,
    temporaryAccessStartTime: null,
    temporaryAccessEndTime: null,
  }));
}

/** An identity of the caller's organization, or the server's 404. */
function identityOf(deps: ServerDeps, id: string, wording: "id" | "ID" = "id"): IdentityRecord {
  const identity = deps.state.identities.identities.get(id);
  if (!identity) throw notFound(`Failed to find identity with ${wording} ${id}`);
  return identity;
}

/** Identities act only through what their organization role allows: no-access creates nothing. */
function userOnly(identity: Identity, action: string, subject: string): void {
  if (identity.mode !== "jwt")
    throw new HttpError(
      403,
      `You are not allowed to ${action} on ${subject}`,
      "PermissionDenied",
      [],
    );
}

/** The membership an identity needs in a project before anything else (206, 216). */
export function membershipOrRefuse(
  deps: ServerDeps,
  identityId: string,
  projectId: string,
): IdentityMembershipRecord {
  const membership = deps.state.identities.membership(projectId, identityId);
  if (!membership) {
    throw new HttpError(
      403,
      `You are not a member of this project with ID ${projectId}. Please assign this identity to the project with the appropriate permissions, then try again.`,
      "ProjectMembershipNotFound",
    );
  }
  return membership;
}

function addMembership(deps: ServerDeps, projectId: string, identityId: string, roles: string[]) {
  const store = deps.state.identities;
  if (!store.identities.has(identityId))
    throw badRequest(`Identity ${identityId} is missing organization membership`);
  if (store.membership(projectId, identityId)) throw badRequest("Identity is already a member");
  const unknown = roles.filter(
    (role) => !(BUILT_IN_PROJECT_ROLES as readonly string[]).includes(role),
  );
  if (unknown.length > 0) {
    throw notFound(
      `Specified roles '${unknown.join(", ")}' was not found in the project with ID '${projectId}'`,
    );
  }
  return store.addMembership(projectId, identityId, roles);
}

/** The actions of the legacy `read` may not be combined with its successors (239). */
function checkActions(permissions: { subject: string; action: string[] }[]): void {
  for (const rule of permissions) {
    if (
      rule.subject === "secrets" &&
      rule.action.includes("read") &&
      (rule.action.includes("readValue") || rule.action.includes("describeSecret"))
    ) {
      throw badRequest(
        "You have selected Read, and Read Value. You cannot select Read Value or Describe Secret if you have selected Read. The Read permission is a legacy action which has been replaced by Describe Secret and Read Value.",
      );
    }
  }
}

/** Stored rules in the server's key order: conditions' secretPath first, then inverted. */
function storedRules(permissions: z.output<typeof addPrivilegeRequestSchema>["permissions"]) {
  return permissions.map((rule) => {
    const conditions = rule.conditions as Record<string, unknown> | undefined;
    const ordered =
      conditions && "secretPath" in conditions
        ? { secretPath: conditions.secretPath, ...conditions }
        : conditions;
    return {
      subject: rule.subject,
      action: rule.action,
      ...(ordered ? { conditions: ordered } : {}),
      inverted: rule.inverted ?? false,
    };
  });
}

function membershipCreatedJson(membership: IdentityMembershipRecord) {
  return {
    identityMembership: {
      id: membership.id,
      projectId: membership.projectId,
      identityId: membership.identityId,
      createdAt: membership.createdAt,
      updatedAt: membership.updatedAt,
    },
  };
}

/** A privilege as the routes answer with it; the list leaves the rules out. */
function privilegeJson(privilege: PrivilegeRecord, withPermissions: boolean) {
  return {
    id: privilege.id,
    slug: privilege.slug,
    isTemporary: false,
    temporaryMode: null,
    temporaryRange: null,
    temporaryAccessStartTime: null,
    temporaryAccessEndTime: null,
    ...(withPermissions ? { permissions: privilege.permissions } : {}),
    createdAt: privilege.createdAt,
    updatedAt: privilege.updatedAt,
  };
}

const membershipListJson = (deps: ServerDeps, projectId: string, legacy: boolean) => {
  const store = deps.state.identities;
  const project = deps.state.projects.get(projectId);
  const memberships = [...store.memberships.values()]
    .filter((m) => m.projectId === projectId)
    .reverse();
  return {
    identityMemberships: memberships.map((m) => {
      const identity = store.identities.get(m.identityId) as IdentityRecord;
      return {
        id: m.id,
        identityId: m.identityId,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
        roles: rolesJson(m, legacy),
        identity: legacy
          ? { name: identity.name, id: identity.id, authMethods: authMethods(store, identity) }
          : {
              name: identity.name,
              id: identity.id,
              orgId: identity.orgId,
              projectId: null,
              authMethods: authMethods(store, identity),
              activeLockoutAuthMethods: [],
            },
        ...(legacy ? { project: { name: project?.name ?? "", id: projectId } } : {}),
      };
    }),
    totalCount: memberships.length,
  };
};

export const identityRoutes: Route[] = [
  route({
    method: "POST",
    path: "/api/v1/identities",
    auth: { modes: ["jwt", "identityAccessToken"] },
    body: createIdentityRequestSchema,
    response: identityResponseSchema,
    handle: ({ body, identity, deps }) => {
      userOnly(identity, "create", "identity");
      const created = deps.state.identities.addIdentity(body.name, body.organizationId, body.role);
      return { identity: identityJson(deps.state.identities, created) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/identities/:identityId",
    auth: { modes: ["jwt"] },
    response: identityResponseSchema,
    handle: ({ params, deps }) => ({
      identity: identityJson(deps.state.identities, identityOf(deps, params.identityId)),
    }),
  }),
  route({
    method: "DELETE",
    path: "/api/v1/identities/:identityId",
    auth: { modes: ["jwt"] },
    response: identityResponseSchema,
    handle: ({ params, deps }) => {
      const identity = identityOf(deps, params.identityId);
      deps.state.identities.deleteIdentity(identity.id);
      const {
        authMethods: _methods,
        metadata: _metadata,
        ...deleted
      } = identityJson(deps.state.identities, identity);
      return { identity: deleted };
    },
  }),
  route({
    // The organization's identities as memberships, newest first.
    method: "GET",
    path: "/api/v1/identities",
    auth: { modes: ["jwt"] },
    response: listIdentitiesResponseSchema,
    handle: ({ query, identity: user, deps }) => {
      const store = deps.state.identities;
      const orgId = query.get("orgId") ?? user.organizationId;
      const identities = [...store.identities.values()].filter((i) => i.orgId === orgId).reverse();
      return {
        identities: identities.map((i) => ({
          id: i.orgMembershipId,
          role: i.orgRole,
          roleId: null,
          orgId: i.orgId,
          createdAt: i.createdAt,
          updatedAt: i.orgMembershipUpdatedAt,
          identityId: i.id,
          lastLoginAuthMethod: i.lastLoginTime ? "universal-auth" : null,
          lastLoginTime: i.lastLoginTime,
          identity: {
            name: i.name,
            id: i.id,
            hasDeleteProtection: i.hasDeleteProtection,
            authMethods: authMethods(store, i),
          },
        })),
        totalCount: identities.length,
      };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/organization/identities",
    auth: { modes: ["jwt"] },
    response: listIdentitiesResponseSchema,
    handle: ({ identity: user, deps }) => {
      const identities = [...deps.state.identities.identities.values()]
        .filter((i) => i.orgId === user.organizationId)
        .reverse();
      return {
        identities: identities.map((i) => ({
          id: i.id,
          name: i.name,
          orgId: i.orgId,
          projectId: null,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
          hasDeleteProtection: i.hasDeleteProtection,
          metadata: [],
        })),
        totalCount: identities.length,
      };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/auth/universal-auth/identities/:identityId",
    auth: { modes: ["jwt"] },
    body: attachUniversalAuthRequestSchema,
    response: universalAuthResponseSchema,
    handle: ({ params, body, deps }) => {
      const identity = identityOf(deps, params.identityId, "ID");
      if (deps.state.identities.universalAuth.has(identity.id))
        throw badRequest("Failed to add universal auth to already configured identity");
      return {
        identityUniversalAuth: universalAuthJson(
          deps.state.identities.attachUniversalAuth(identity.id, body),
        ),
      };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/auth/universal-auth/identities/:identityId",
    auth: { modes: ["jwt"] },
    response: universalAuthResponseSchema,
    handle: ({ params, deps }) => {
      const ua = deps.state.identities.universalAuth.get(identityOf(deps, params.identityId).id);
      if (!ua) throw notFound("The identity does not have universal auth");
      return { identityUniversalAuth: universalAuthJson(ua) };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/auth/universal-auth/identities/:identityId/client-secrets",
    auth: { modes: ["jwt"] },
    body: createClientSecretRequestSchema,
    response: createClientSecretResponseSchema,
    handle: ({ params, body, deps }) => {
      const ua = deps.state.identities.universalAuth.get(identityOf(deps, params.identityId).id);
      if (!ua) throw notFound("The identity does not have universal auth");
      const { record, secret } = deps.state.identities.addClientSecret(ua, body);
      return { clientSecret: secret, clientSecretData: clientSecretJson(record) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/auth/universal-auth/identities/:identityId/client-secrets",
    auth: { modes: ["jwt"] },
    response: listClientSecretsResponseSchema,
    handle: ({ params, deps }) => {
      const identityId = identityOf(deps, params.identityId).id;
      return {
        clientSecretData: [...deps.state.identities.clientSecrets.values()]
          .filter((s) => s.identityId === identityId && !s.revoked)
          .map(clientSecretJson),
      };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/auth/universal-auth/identities/:identityId/client-secrets/:clientSecretId/revoke",
    auth: { modes: ["jwt"] },
    response: revokeClientSecretResponseSchema,
    handle: ({ params, deps }) => {
      const identityId = identityOf(deps, params.identityId).id;
      const secret = deps.state.identities.clientSecrets.get(params.clientSecretId);
      if (!secret || secret.identityId !== identityId)
        throw notFound(`Failed to find client secret with ID ${params.clientSecretId}`);
      secret.revoked = true;
      secret.updatedAt = deps.now().toISOString();
      return { clientSecretData: clientSecretJson(secret) };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/auth/universal-auth/login",
    body: universalAuthLoginRequestSchema,
    response: universalAuthLoginResponseSchema,
    handle: ({ body, deps }) => {
      const store = deps.state.identities;
      const secret = store.clientSecretFor(body.clientId, body.clientSecret);
      if (!secret) throw unauthorized("Invalid credentials");
      const identity = store.identities.get(secret.identityId) as IdentityRecord;
      const ua = store.universalAuth.get(identity.id) as UniversalAuthRecord;
      const nowMs = deps.now().getTime();
      const iat = Math.floor(nowMs / 1000);
      const tokenId = randomUUID();
      secret.numUses += 1;
      identity.lastLoginTime = deps.now().toISOString();
      identity.orgMembershipUpdatedAt = identity.lastLoginTime;
      const accessToken = signJwt(
        {
          identityId: identity.id,
          identityName: identity.name,
          authMethod: "universal-auth",
          orgId: identity.orgId,
          rootOrgId: identity.orgId,
          parentOrgId: identity.orgId,
          clientSecretId: secret.id,
          identityAccessTokenId: tokenId,
          ipRestrictionEnabled: true,
          accessTokenTTL: ua.accessTokenTTL,
          accessTokenMaxTTL: ua.accessTokenMaxTTL,
          accessTokenPeriod: 0,
          creationEpoch: iat,
          authTokenType: "identityAccessToken",
          identityAuth: {},
          iat,
          exp: iat + ua.accessTokenTTL,
          jti: tokenId,
        },
        deps.jwtSecret,
      );
      return {
        accessToken,
        expiresIn: ua.accessTokenTTL,
        accessTokenMaxTTL: ua.accessTokenMaxTTL,
        tokenType: "Bearer" as const,
      };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/auth/token/revoke",
    body: revokeAccessTokenRequestSchema,
    response: revokeAccessTokenResponseSchema,
    handle: ({ body, deps }) => {
      const payload = body.accessToken.split(".")[1] ?? "";
      let claims: Record<string, unknown> = {};
      try {
        claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      } catch {
        throw unauthorized("Invalid token");
      }
      deps.state.identities.revokedAccessTokens.add(String(claims.identityAccessTokenId));
      return { message: "Successfully revoked access token" };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/projects/:projectId/memberships/identities/:identityId",
    auth: { modes: ["jwt"] },
    body: addIdentityMembershipRequestSchema,
    response: addIdentityMembershipResponseSchema,
    handle: ({ params, body, identity, deps }) => {
      const project = projectFor(deps.state, identity, params.projectId, "project");
      const membership = addMembership(
        deps,
        project.id,
        params.identityId,
        body.roles.map((r) => r.role),
      );
      return membershipCreatedJson(membership);
    },
  }),
  route({
    method: "POST",
    path: "/api/v2/workspace/:projectId/identity-memberships/:identityId",
    auth: { modes: ["jwt"] },
    body: addIdentityMembershipLegacyRequestSchema,
    response: addIdentityMembershipResponseSchema,
    handle: ({ params, body, identity, deps }) => {
      const project = projectFor(deps.state, identity, params.projectId, "project");
      const roles = body.roles?.map((r) => r.role) ?? (body.role ? [body.role] : []);
      const membership = addMembership(deps, project.id, params.identityId, roles);
      return membershipCreatedJson(membership);
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/projects/:projectId/memberships/identities/:identityId",
    auth: { modes: ["jwt"] },
    response: getIdentityMembershipResponseSchema,
    handle: ({ params, identity: user, deps }) => {
      const project = projectFor(deps.state, user, params.projectId, "project");
      const store = deps.state.identities;
      const membership = store.membership(project.id, params.identityId);
      const identity = store.identities.get(params.identityId);
      if (!membership || !identity)
        throw notFound(`Project membership for identity with ID '${params.identityId}' not found`);
      return {
        identityMembership: {
          id: membership.id,
          createdAt: membership.createdAt,
          updatedAt: membership.updatedAt,
          roles: rolesJson(membership),
          lastLoginAuthMethod: null,
          lastLoginTime: null,
          identity: {
            name: identity.name,
            id: identity.id,
            orgId: identity.orgId,
            projectId: null,
            authMethods: authMethods(store, identity),
            metadata: [],
          },
        },
      };
    },
  }),
  // The current route and the deprecated one, each with the fields it answers with.
  ...(
    [
      ["/api/v1/projects/:projectId/memberships/identities", false],
      ["/api/v2/workspace/:projectId/identity-memberships", true],
    ] as const
  ).map(([path, legacy]) =>
    route({
      method: "GET",
      path,
      auth: { modes: ["jwt"] },
      response: listIdentityMembershipsResponseSchema,
      handle: ({ params, identity, deps }) =>
        membershipListJson(
          deps,
          projectFor(deps.state, identity, params.projectId, "project").id,
          legacy,
        ),
    }),
  ),
  route({
    // Custom roles are a paid feature: this server's plan refuses them, as the recorded one did.
    method: "POST",
    path: "/api/v1/projects/:projectId/roles",
    auth: { modes: ["jwt"] },
    response: z.object({}),
    handle: () => {
      throw badRequest(
        "Failed to create custom role due to plan RBAC restriction. Upgrade to Infisical Enterprise plan to create custom roles.",
      );
    },
  }),
  route({
    method: "POST",
    path: "/api/v2/identity-project-additional-privilege",
    auth: { modes: ["jwt"] },
    body: addPrivilegeRequestSchema,
    response: addPrivilegeResponseSchema,
    handle: ({ body, identity, deps }) => {
      const project = projectFor(deps.state, identity, body.projectId, "project");
      membershipOrRefuse(deps, body.identityId, project.id);
      checkActions(body.permissions);
      const store = deps.state.identities;
      const slug = body.slug ?? randomUUID().slice(0, 8);
      if (store.privilegesOf(body.identityId, project.id).some((p) => p.slug === slug))
        throw badRequest(`Additional privilege with name ${slug} exists`);
      const privilege = store.addPrivilege({
        identityId: body.identityId,
        projectId: project.id,
        slug,
        permissions: storedRules(body.permissions),
      });
      return {
        privilege: { ...privilegeJson(privilege, true), permissions: privilege.permissions },
      };
    },
  }),
  route({
    method: "GET",
    path: "/api/v2/identity-project-additional-privilege",
    auth: { modes: ["jwt"] },
    response: listPrivilegesResponseSchema,
    handle: ({ query, identity, deps }) => {
      const project = projectFor(deps.state, identity, query.get("projectId") ?? "", "project");
      return {
        privileges: deps.state.identities
          .privilegesOf(query.get("identityId") ?? "", project.id)
          .map((p) => privilegeJson(p, false)),
      };
    },
  }),
];
