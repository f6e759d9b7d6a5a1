/** Machine identities through the API (routes as recorded, IDENTITIES.md). */
import type { z } from "zod";
import type { ApiClient } from "./client.js";
import {
  addIdentityMembershipResponseSchema,
  addPrivilegeResponseSchema,
  createClientSecretResponseSchema,
  identityResponseSchema,
  organizationIdentitiesResponseSchema,
  listIdentityMembershipsResponseSchema,
  listPrivilegesResponseSchema,
  universalAuthLoginResponseSchema,
  universalAuthResponseSchema,
  type permissionRuleSchema,
} from "./identity-schemas.js";
import { readSecretsResponseSchema } from "./secret-schemas.js";

const id = (value: string) => encodeURIComponent(value);

/** A new identity in the organization, with its organization role. */
export function createIdentity(
  client: ApiClient,
  token: string,
  body: { name: string; organizationId: string; role: string },
) {
  return client.send({
    operation: "create-identity",
    method: "POST",
    path: "/v1/identities",
    token,
    body,
    schema: identityResponseSchema,
    retry: "non-idempotent",
    creates: true,
  });
}

export function getIdentity(client: ApiClient, token: string, identityId: string) {
  return client.send({
    operation: "get-identity",
    method: "GET",
    path: `/v1/identities/${id(identityId)}`,
    token,
    schema: identityResponseSchema,
    retry: "idempotent",
    subject: identityId,
  });
}

/** The organization's identities, with their organization roles and auth methods. */
export async function listIdentities(client: ApiClient, token: string, organizationId: string) {
  const response = await client.send({
    operation: "list-identities",
    method: "GET",
    path: `/v1/identities?${new URLSearchParams({ orgId: organizationId })}`,
    token,
    schema: organizationIdentitiesResponseSchema,
    retry: "idempotent",
  });
  return response.identities;
}

/** Deleting an identity revokes everything under it: its secrets, tokens and memberships. */
export function deleteIdentity(client: ApiClient, token: string, identityId: string) {
  return client.send({
    operation: "delete-identity",
    method: "DELETE",
    path: `/v1/identities/${id(identityId)}`,
    token,
    schema: identityResponseSchema,
    retry: "idempotent",
    subject: identityId,
    onRetryNotFound: () => ({
      identity: { id: identityId, name: "", orgId: "", createdAt: "", updatedAt: "" },
    }),
  });
}

export function attachUniversalAuth(
  client: ApiClient,
  token: string,
  identityId: string,
  body: { accessTokenTTL: number; accessTokenMaxTTL: number; accessTokenNumUsesLimit: number },
) {
  return client.send({
    operation: "attach-universal-auth",
    method: "POST",
    path: `/v1/auth/universal-auth/identities/${id(identityId)}`,
    token,
    body,
    schema: universalAuthResponseSchema,
    retry: "non-idempotent",
  });
}

export function createClientSecret(
  client: ApiClient,
  token: string,
  identityId: string,
  body: { description: string; numUsesLimit: number; ttl: number },
) {
  return client.send({
    operation: "create-client-secret",
    method: "POST",
    path: `/v1/auth/universal-auth/identities/${id(identityId)}/client-secrets`,
    token,
    body,
    schema: createClientSecretResponseSchema,
    retry: "non-idempotent",
    creates: true,
  });
}

/** Client id and secret for a short-lived access token (no user token). */
export function universalAuthLogin(client: ApiClient, clientId: string, clientSecret: string) {
  return client.send({
    operation: "universal-auth-login",
    method: "POST",
    path: "/v1/auth/universal-auth/login",
    body: { clientId, clientSecret },
    schema: universalAuthLoginResponseSchema,
    retry: "non-idempotent",
  });
}

export function addIdentityToProject(
  client: ApiClient,
  token: string,
  projectId: string,
  identityId: string,
  role: string,
) {
  return client.send({
    operation: "add-identity-membership",
    method: "POST",
    path: `/v1/projects/${id(projectId)}/memberships/identities/${id(identityId)}`,
    token,
    body: { roles: [{ role, isTemporary: false }] },
    schema: addIdentityMembershipResponseSchema,
    retry: "non-idempotent",
  });
}

export function listIdentityMemberships(client: ApiClient, token: string, projectId: string) {
  return client.send({
    operation: "list-identity-memberships",
    method: "GET",
    path: `/v1/projects/${id(projectId)}/memberships/identities`,
    token,
    schema: listIdentityMembershipsResponseSchema,
    retry: "idempotent",
  });
}

export type PermissionRule = z.input<typeof permissionRuleSchema>;

export function addIdentityPrivilege(
  client: ApiClient,
  token: string,
  body: { identityId: string; projectId: string; slug: string; permissions: PermissionRule[] },
) {
  return client.send({
    operation: "add-identity-privilege",
    method: "POST",
    path: "/v2/identity-project-additional-privilege",
    token,
    body: { ...body, type: { isTemporary: false } },
    schema: addPrivilegeResponseSchema,
    retry: "non-idempotent",
  });
}

export function listIdentityPrivileges(
  client: ApiClient,
  token: string,
  identityId: string,
  projectId: string,
) {
  const query = new URLSearchParams({ identityId, projectId });
  return client.send({
    operation: "list-identity-privileges",
    method: "GET",
    path: `/v2/identity-project-additional-privilege?${query}`,
    token,
    schema: listPrivilegesResponseSchema,
    retry: "idempotent",
  });
}

/** One folder's secrets, read as written (an identity's access token is taken literally). */
export function readSecrets(
  client: ApiClient,
  accessToken: string,
  where: { projectId: string; environment: string; secretPath: string },
) {
  const query = new URLSearchParams({
    workspaceId: where.projectId,
    environment: where.environment,
    secretPath: where.secretPath,
  });
  return client.send({
    operation: "read-secrets",
    method: "GET",
    path: `/v3/secrets/raw?${query}`,
    token: accessToken,
    schema: readSecretsResponseSchema,
    retry: "idempotent",
  });
}
