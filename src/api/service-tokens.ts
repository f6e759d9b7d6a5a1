import type { ApiClient } from "./client.js";
import { isRouteNotFound } from "./errors.js";
import {
  createServiceTokenResponseSchema,
  deleteServiceTokenResponseSchema,
  listServiceTokensResponseSchema,
  serviceTokenDetailsSchema,
  type CreateServiceTokenRequest,
  type CreateServiceTokenResponse,
  type ServiceTokenData,
  type ServiceTokenDetails,
} from "./schemas.js";

/** Create (POST), describe the caller (GET), and below it delete by id (DELETE). */
export const SERVICE_TOKEN_PATH = "/v2/service-token";

export function createServiceToken(
  client: ApiClient,
  token: string,
  body: CreateServiceTokenRequest,
): Promise<CreateServiceTokenResponse> {
  return client.send({
    method: "POST",
    path: SERVICE_TOKEN_PATH,
    token,
    body,
    schema: createServiceTokenResponseSchema,
    retry: "non-idempotent",
  });
}

/**
 * The project's tokens, newest first. Older self-hosted servers only have the legacy
 * /workspace/ route; it is tried when the current route does not exist.
 */
export async function listServiceTokens(
  client: ApiClient,
  token: string,
  projectId: string,
): Promise<ServiceTokenData[]> {
  const id = encodeURIComponent(projectId);
  const list = (path: string) =>
    client.send({
      method: "GET",
      path,
      token,
      schema: listServiceTokensResponseSchema,
      retry: "idempotent",
    });
  try {
    return (await list(`/v1/projects/${id}/service-token-data`)).serviceTokenData;
  } catch (error) {
    if (!isRouteNotFound(error)) throw error;
    return (await list(`/v1/workspace/${id}/service-token-data`)).serviceTokenData;
  }
}

export async function deleteServiceToken(
  client: ApiClient,
  token: string,
  id: string,
): Promise<ServiceTokenData> {
  const response = await client.send({
    method: "DELETE",
    path: `${SERVICE_TOKEN_PATH}/${encodeURIComponent(id)}`,
    token,
    schema: deleteServiceTokenResponseSchema,
    retry: "idempotent",
  });
  return response.serviceTokenData;
}

/** Authenticated with the service token itself: the server describes the caller. */
export function describeServiceToken(
  client: ApiClient,
  serviceToken: string,
): Promise<ServiceTokenDetails> {
  return client.send({
    method: "GET",
    path: SERVICE_TOKEN_PATH,
    token: serviceToken,
    schema: serviceTokenDetailsSchema,
    retry: "idempotent",
  });
}
