import { listServiceTokens } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import { renderTokenList } from "../../../output/token-list.js";
import { connectToProject } from "../../connect.js";
import { namingOrganizationsOnRefusal } from "../../other-organization.js";

export interface ListFlags {
  projectId?: string;
  json?: boolean;
  wide?: boolean;
  token?: string;
}

export async function runList(flags: ListFlags, ctx: CommandContext): Promise<void> {
  const { client, credentials, projectId } = await connectToProject(
    ctx,
    flags.projectId,
    flags.token,
  );
  const tokens = await namingOrganizationsOnRefusal(
    () => listServiceTokens(client, credentials.token, projectId),
    client,
    credentials,
  );
  renderTokenList(ctx, tokens, { json: flags.json === true, wide: flags.wide === true }, projectId);
}
