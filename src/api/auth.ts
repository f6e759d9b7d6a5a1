import type { ApiClient } from "./client.js";
import {
  checkAuthResponseSchema,
  listOrganizationsResponseSchema,
  loginResponseSchema,
  mfaVerifyResponseSchema,
  selectOrganizationResponseSchema,
  type Organization,
} from "./schemas.js";

/** A login issues a new session each time, so like a create it is retried only when nothing happened. */
export function loginWithPassword(client: ApiClient, email: string, password: string) {
  return client.send({
    method: "POST",
    path: "/v3/auth/login",
    body: { email, password },
    schema: loginResponseSchema,
    retry: "non-idempotent",
  });
}

export async function listOrganizations(client: ApiClient, token: string): Promise<Organization[]> {
  const response = await client.send({
    method: "GET",
    path: "/v1/organization",
    token,
    schema: listOrganizationsResponseSchema,
    retry: "idempotent",
  });
  return response.organizations;
}

export function selectOrganization(client: ApiClient, token: string, organizationId: string) {
  return client.send({
    method: "POST",
    path: "/v3/auth/select-organization",
    token,
    body: { organizationId, userAgent: "cli" },
    schema: selectOrganizationResponseSchema,
    retry: "non-idempotent",
  });
}

export function verifyMfaCode(client: ApiClient, mfaToken: string, code: string, method: string) {
  return client.send({
    method: "POST",
    path: "/v2/auth/mfa/verify",
    token: mfaToken,
    body: { mfaToken: code, mfaMethod: method },
    schema: mfaVerifyResponseSchema,
    retry: "non-idempotent",
  });
}

export function checkAuth(client: ApiClient, token: string) {
  return client.send({
    method: "POST",
    path: "/v1/auth/checkAuth",
    token,
    schema: checkAuthResponseSchema,
    retry: "idempotent",
  });
}
