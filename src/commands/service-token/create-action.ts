import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { ApiClient } from "../../api/client.js";
import { createServiceToken, CREATE_SERVICE_TOKEN_PATH } from "../../api/service-tokens.js";
import { resolveUserCredentials } from "../../auth/credentials.js";
import { SessionStore } from "../../auth/session-store.js";
import { sessionsFile } from "../../config/paths.js";
import { resolveProjectSettings } from "../../config/resolve-settings.js";
import { createContext } from "../../context.js";
import { buildCreateRequestBody, parseCreateInput } from "../../core/create-request.js";
import { parseCustomHeaders } from "../../core/custom-headers.js";
import { composeServiceToken, RANDOM_BYTES_LENGTH } from "../../core/service-token.js";
import { renderCreatedToken, type OutputMode } from "../../output/created-token.js";
import { renderDryRun } from "../../output/dry-run.js";
import type { CreateFlags } from "./create.js";
import { explainUnknownEnvironments, isUnknownEnvironmentError } from "./unknown-environments.js";

export async function runCreate(flags: CreateFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
  const input = parseCreateInput(flags);
  const mode: OutputMode = flags.json ? "json" : flags.tokenOnly ? "token-only" : "human";

  const customHeaders = parseCustomHeaders(ctx.env.INFISICAL_CUSTOM_HEADERS);
  const store = new SessionStore(sessionsFile(ctx.env));
  const settings = await resolveProjectSettings(ctx, store, flags.projectId);
  const credentials = await resolveUserCredentials({
    flagToken: flags.token,
    env: ctx.env,
    domain: settings.domain,
    store,
    now: ctx.now(),
    logger: ctx.logger,
  });
  ctx.logger.debug(`credentials from ${credentials.source}`);

  const randomHex = randomBytes(RANDOM_BYTES_LENGTH).toString("hex");
  const body = buildCreateRequestBody(input, settings.projectId, randomHex);

  if (flags.dryRun) {
    renderDryRun(ctx, {
      method: "POST",
      url: `${settings.domain.apiBase}${CREATE_SERVICE_TOKEN_PATH}`,
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

  const client = new ApiClient({
    domain: settings.domain,
    timeoutSeconds: ctx.globals.timeout,
    customHeaders,
    logger: ctx.logger,
  });
  let response;
  try {
    response = await createServiceToken(client, credentials.token, body);
  } catch (error) {
    if (isUnknownEnvironmentError(error)) {
      const slugs = input.scopes.map((s) => s.environment);
      throw await explainUnknownEnvironments(
        error,
        client,
        credentials.token,
        settings.projectId,
        slugs,
      );
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
