import { randomBytes } from "node:crypto";
import { ApiError } from "../../../api/errors.js";
import { createServiceToken, SERVICE_TOKEN_PATH } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import {
  buildCreateRequestBody,
  parseCreateInput,
  type CreateFlagValues,
} from "../../../core/create-request.js";
import { composeServiceToken, RANDOM_BYTES_LENGTH } from "../../../core/service-token.js";
import { renderCreatedToken, type OutputMode } from "../../../output/created-token.js";
import { renderDryRun } from "../../../output/dry-run.js";
import { connectToProject } from "../../connect.js";
import { namingOrganizationsOnRefusal } from "../../other-organization.js";
import { explainUnknownEnvironments } from "./unknown-environments.js";

export interface CreateFlags extends CreateFlagValues {
  projectId?: string;
  tokenOnly?: boolean;
  json?: boolean;
  dryRun?: boolean;
  token?: string;
}

export async function runCreate(flags: CreateFlags, ctx: CommandContext): Promise<void> {
  const input = parseCreateInput(flags);
  const mode: OutputMode = flags.json ? "json" : flags.tokenOnly ? "token-only" : "human";
  const { client, credentials, projectId, settings, customHeaders } = await connectToProject(
    ctx,
    flags.projectId,
    flags.token,
  );

  const randomHex = randomBytes(RANDOM_BYTES_LENGTH).toString("hex");
  const body = buildCreateRequestBody(input, projectId, randomHex);

  if (flags.dryRun) {
    renderDryRun(ctx, {
      method: "POST",
      url: `${settings.domain.apiBase}${SERVICE_TOKEN_PATH}`,
      headers: {
        ...customHeaders,
        "User-Agent": "cli",
        Accept: "application/json",
        "Content-Type": "application/json",
      },
      credentialSource: credentials.source,
      body,
      json: mode === "json",
    });
    return;
  }

  let response;
  try {
    response = await namingOrganizationsOnRefusal(
      () => createServiceToken(client, credentials.token, body),
      client,
      credentials,
    );
  } catch (error) {
    if (error instanceof ApiError && error.kind === "unknown-environment") {
      const slugs = input.scopes.map((s) => s.environment);
      throw await explainUnknownEnvironments(error, client, credentials.token, projectId, slugs);
    }
    throw error;
  }
  renderCreatedToken(
    ctx,
    {
      token: composeServiceToken(response.serviceToken, randomHex),
      data: response.serviceTokenData,
    },
    mode,
  );
}
