import type { z } from "zod";
import type { ApiClient } from "./client.js";
import {
  checkAuthResponseSchema,
  currentUserResponseSchema,
  listOrganizationsResponseSchema,
  loginResponseSchema,
  mfaVerifyResponseSchema,
  revokeSessionsResponseSchema,
  selectOrganizationResponseSchema,
  type LoginRequest,
  type MfaMethod,
  type MfaVerifyRequest,
  type Organization,
  type SelectOrganizationRequest,
} from "./auth-schemas.js";

/** A login issues a new session each time, so like a create it is retried only when nothing happened. */
export function loginWithPassword(client: ApiClient, email: string, password: string) {
  return client.send<z.infer<typeof loginResponseSchema>, LoginRequest>({
    operation: "login",
    method: "POST",
    path: "/v3/auth/login",
    body: { email, password },
    schema: loginResponseSchema,
    retry: "non-idempotent",
  });
}

export async function listOrganizations(client: ApiClient, token: string): Promise<Organization[]> {
  const response = await client.send({
    operation: "list-organizations",
    method: "GET",
    path: "/v1/organization",
    token,
    schema: listOrganizationsResponseSchema,
    retry: "idempotent",
  });
  return response.organizations;
}

export function selectOrganization(client: ApiClient, token: string, organizationId: string) {
  return client.send<z.infer<typeof selectOrganizationResponseSchema>, SelectOrganizationRequest>({
    operation: "select-organization",
    method: "POST",
    path: "/v3/auth/select-organization",
    token,
    body: { organizationId, userAgent: "cli" },
    schema: selectOrganizationResponseSchema,
    retry: "non-idempotent",
  });
}

export function verifyMfaCode(
  client: ApiClient,
  mfaToken: string,
  code: string,
  method: MfaMethod,
) {
  return client.send<z.infer<typeof mfaVerifyResponseSchema>, MfaVerifyRequest>({
    // An authenticator code and an e-mailed one are rejected with different answers.
    operation: method === "totp" ? "verify-mfa-totp" : "verify-mfa",
    method: "POST",
    path: "/v2/auth/mfa/verify",
    token: mfaToken,
    body: { mfaToken: code, mfaMethod: method },
    schema: mfaVerifyResponseSchema,
    retry: "non-idempotent",
  });
}

const checkAuthRequest = (token: string) =>
  ({
    method: "POST",
    path: "/v1/auth/checkAuth",
    token,
    schema: checkAuthResponseSchema,
    retry: "idempotent",
  }) as const;

export function checkAuth(client: ApiClient, token: string) {
  return client.send({ operation: "check-auth", ...checkAuthRequest(token) });
}

/** The same check, for a login that arrived from the browser: a refusal means that login is no good. */
export function verifyBrowserLogin(client: ApiClient, token: string) {
  return client.send({ operation: "verify-browser-login", ...checkAuthRequest(token) });
}

/** Signs the user out everywhere: every session ends, this one included. */
export function revokeAllSessions(client: ApiClient, token: string) {
  return client.send({
    operation: "revoke-sessions",
    method: "DELETE",
    path: "/v2/users/me/sessions",
    token,
    schema: revokeSessionsResponseSchema,
    retry: "idempotent",
  });
}

/** Who a login belongs to, as the server knows it. */
export async function getCurrentUser(client: ApiClient, token: string) {
  const response = await client.send({
    operation: "get-current-user",
    method: "GET",
    path: "/v1/user",
    token,
    schema: currentUserResponseSchema,
    retry: "idempotent",
  });
  return response.user;
}
