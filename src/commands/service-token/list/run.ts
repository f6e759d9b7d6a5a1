import { listServiceTokens } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import {
  parseTokenFilters,
  selectTokens,
  type TokenFilterFlags,
} from "../../../core/token-filters.js";
import { renderTokenList } from "../../../output/token-list.js";
import { connectToProject } from "../../connect.js";
import { namingOrganizationsOnRefusal } from "../../../api/other-organization.js";

export interface ListFlags extends TokenFilterFlags {
  projectId?: string;
  json?: boolean;
  wide?: boolean;
  token?: string;
}

export async function runList(flags: ListFlags, ctx: CommandContext): Promise<void> {
  const filters = parseTokenFilters(flags);
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
  const selected = selectTokens(tokens, filters, ctx.now());
  renderTokenList(
    ctx,
    selected,
    {
      json: flags.json === true,
      wide: flags.wide === true,
      filtered:
        filters.length > 0
          ? { labels: filters.map((f) => f.label), total: tokens.length }
          : undefined,
    },
    projectId,
  );
}
