import type { ApiClient } from "./client.js";
import {
  createServiceTokenResponseSchema,
  type CreateServiceTokenRequest,
  type CreateServiceTokenResponse,
} from "./schemas.js";

export const CREATE_SERVICE_TOKEN_PATH = "/v2/service-token";

export function createServiceToken(
  client: ApiClient,
  token: string,
  body: CreateServiceTokenRequest,
): Promise<CreateServiceTokenResponse> {
  return client.send({
    method: "POST",
    path: CREATE_SERVICE_TOKEN_PATH,
    token,
    body,
    schema: createServiceTokenResponseSchema,
    retry: "non-idempotent",
  });
}
