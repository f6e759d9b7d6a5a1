import type { CommandContext } from "../../../context.js";
import {
  parseTokenFilters,
  selectTokens,
  type TokenFilterFlags,
} from "../../../core/token-filters.js";
import { renderTokenList } from "../../../output/token-list.js";
import { projectTokens } from "../../../service-tokens/list.js";
import { connectToProject } from "../../connect.js";

export interface ListFlags extends TokenFilterFlags {
  projectId?: string;
  json?: boolean;
  wide?: boolean;
  token?: string;
}

export async function runList(flags: ListFlags, ctx: CommandContext): Promise<void> {
  const filters = parseTokenFilters(flags);
  const access = await connectToProject(ctx, flags.projectId, flags.token);
  const { projectId } = access;
  const tokens = await projectTokens(access);
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
