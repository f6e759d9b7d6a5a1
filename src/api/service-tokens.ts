import type { ApiClient } from "./client.js";
import { ApiError } from "./errors.js";
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
    operation: "create-service-token",
    method: "POST",
    path: SERVICE_TOKEN_PATH,
    token,
    body,
    schema: createServiceTokenResponseSchema,
    retry: "non-idempotent",
    creates: true,
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
      operation: "list-service-tokens",
      method: "GET",
      path,
      token,
      schema: listServiceTokensResponseSchema,
      retry: "idempotent",
    });
  try {
    return (await list(`/v1/projects/${id}/service-token-data`)).serviceTokenData;
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === "route-missing")) throw error;
    return (await list(`/v1/workspace/${id}/service-token-data`)).serviceTokenData;
  }
}

/** The deleted token, or undefined when a retry found it gone (the name is then unknown). */
export async function deleteServiceToken(
  client: ApiClient,
  token: string,
  id: string,
): Promise<ServiceTokenData | undefined> {
  const response = await client.send<{ serviceTokenData?: ServiceTokenData }>({
    operation: "delete-service-token",
    method: "DELETE",
    path: `${SERVICE_TOKEN_PATH}/${encodeURIComponent(id)}`,
    token,
    schema: deleteServiceTokenResponseSchema,
    retry: "idempotent",
    onRetryNotFound: () => ({}),
  });
  return response.serviceTokenData;
}

/** Authenticated with the service token itself: the server describes the caller. */
export function describeServiceToken(
  client: ApiClient,
  serviceToken: string,
): Promise<ServiceTokenDetails> {
  return client.send({
    operation: "describe-service-token",
    method: "GET",
    path: SERVICE_TOKEN_PATH,
    token: serviceToken,
    subject: serviceToken.split(".")[1],
    schema: serviceTokenDetailsSchema,
    retry: "idempotent",
  });
}
