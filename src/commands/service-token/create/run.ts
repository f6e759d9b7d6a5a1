import type { CommandContext } from "../../../context.js";
import { parseCreateInput, type CreateFlagValues } from "../../../core/create-request.js";
import { renderCreatedToken, type OutputMode } from "../../../output/created-token.js";
import { renderDryRun } from "../../../output/dry-run.js";
import { connectToProject } from "../../connect.js";
import { issueServiceToken, prepareCreate } from "../../../service-tokens/issue.js";
import { plannedCreate } from "../planned-requests.js";

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
  const connection = await connectToProject(ctx, flags.projectId, flags.token);
  const prepared = prepareCreate(input, connection.projectId);

  if (flags.dryRun) {
    renderDryRun(ctx, {
      ...plannedCreate(connection, prepared),
      credentialSource: connection.credentials.source,
      json: mode === "json",
    });
    return;
  }

  renderCreatedToken(ctx, await issueServiceToken(connection, input, prepared), mode);
}
