import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { createServiceToken, SERVICE_TOKEN_PATH } from "../../api/service-tokens.js";
import { createContext } from "../../context.js";
import { buildCreateRequestBody, parseCreateInput } from "../../core/create-request.js";
import { composeServiceToken, RANDOM_BYTES_LENGTH } from "../../core/service-token.js";
import { renderCreatedToken, type OutputMode } from "../../output/created-token.js";
import { renderDryRun } from "../../output/dry-run.js";
import { connectToProject } from "../connect.js";
import type { CreateFlags } from "./create.js";
import { explainUnknownEnvironments, isUnknownEnvironmentError } from "./unknown-environments.js";

export async function runCreate(flags: CreateFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
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
    response = await createServiceToken(client, credentials.token, body);
  } catch (error) {
    if (isUnknownEnvironmentError(error)) {
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
