import { randomBytes } from "node:crypto";
import { ApiError } from "../../api/errors.js";
import type { ServiceTokenData } from "../../api/schemas.js";
import { createServiceToken, SERVICE_TOKEN_PATH } from "../../api/service-tokens.js";
import { buildCreateRequestBody, type CreateInput } from "../../core/create-request.js";
import { composeServiceToken, RANDOM_BYTES_LENGTH } from "../../core/service-token.js";
import type { connectToProject } from "../connect.js";
import type { PlannedRequest } from "../../output/dry-run.js";
import { namingOrganizationsOnRefusal } from "../other-organization.js";
import { explainUnknownEnvironments } from "./create/unknown-environments.js";

export type ProjectConnection = Awaited<ReturnType<typeof connectToProject>>;

export interface IssuedToken {
  /** The whole token: what the server returned plus the random hex (the fourth segment). */
  token: string;
  data: ServiceTokenData;
}

/** The request body of a create, with the random hex that becomes the token's fourth segment. */
export function prepareCreate(input: CreateInput, projectId: string) {
  const randomHex = randomBytes(RANDOM_BYTES_LENGTH).toString("hex");
  return { randomHex, body: buildCreateRequestBody(input, projectId, randomHex) };
}

/**
 * Creates the token (create, exec, rotate): a project of another organization, or environments
 * the project does not have, are explained with one more request each.
 */
export async function issueServiceToken(
  connection: ProjectConnection,
  input: CreateInput,
  prepared = prepareCreate(input, connection.projectId),
): Promise<IssuedToken> {
  const { client, credentials, projectId } = connection;
  try {
    const response = await namingOrganizationsOnRefusal(
      () => createServiceToken(client, credentials.token, prepared.body),
      client,
      credentials,
    );
    return {
      token: composeServiceToken(response.serviceToken, prepared.randomHex),
      data: response.serviceTokenData,
    };
  } catch (error) {
    if (error instanceof ApiError && error.kind === "unknown-environment") {
      const slugs = input.scopes.map((s) => s.environment);
      throw await explainUnknownEnvironments(error, client, credentials.token, projectId, slugs);
    }
    throw error;
  }
}

/** The headers every request carries, as a dry run shows them (the credential is added there). */
function plannedHeaders(connection: ProjectConnection, withBody: boolean) {
  return {
    ...connection.customHeaders,
    "User-Agent": "cli",
    Accept: "application/json",
    ...(withBody ? { "Content-Type": "application/json" } : {}),
  };
}

/** The create request exactly as it would be sent. */
export function plannedCreate(
  connection: ProjectConnection,
  prepared: ReturnType<typeof prepareCreate>,
): PlannedRequest {
  return {
    method: "POST",
    url: `${connection.settings.domain.apiBase}${SERVICE_TOKEN_PATH}`,
    headers: plannedHeaders(connection, true),
    body: prepared.body,
  };
}

/** The delete request of a token, exactly as it would be sent. */
export function plannedDelete(connection: ProjectConnection, id: string): PlannedRequest {
  return {
    method: "DELETE",
    url: `${connection.settings.domain.apiBase}${SERVICE_TOKEN_PATH}/${encodeURIComponent(id)}`,
    headers: plannedHeaders(connection, false),
  };
}
