import { randomBytes } from "node:crypto";
import { ApiError } from "../api/errors.js";
import type { ServiceTokenData } from "../api/schemas.js";
import type { ApiClient } from "../api/client.js";
import { createServiceToken } from "../api/service-tokens.js";
import { buildCreateRequestBody, type CreateInput } from "../core/create-request.js";
import { composeServiceToken, RANDOM_BYTES_LENGTH } from "../core/service-token.js";
import { namingOrganizationsOnRefusal } from "../api/other-organization.js";
import { explainUnknownEnvironments } from "./unknown-environments.js";

/** What acting on one project needs: a client, the user's token and organization, the project. */
export interface ProjectAccess {
  client: ApiClient;
  credentials: { token: string; organizationId: string };
  projectId: string;
}

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
  connection: ProjectAccess,
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
