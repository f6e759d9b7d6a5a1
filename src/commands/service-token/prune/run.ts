import type { ServiceTokenData } from "../../../api/schemas.js";
import type { CommandContext } from "../../../context.js";
import { listInWords } from "../../../core/flag-values.js";
import { formatScope } from "../../../core/scope.js";
import {
  parseTokenFilters,
  selectTokens,
  type TokenFilterFlags,
} from "../../../core/token-filters.js";
import { CancelledError, UsageError } from "../../../errors.js";
import { formatRelative } from "../../../output/time.js";
import { tokenJson } from "../../../output/token-json.js";
import { projectTokens } from "../../../service-tokens/list.js";
import { connectToProject } from "../../connect.js";
import { deleteEach } from "../../delete-each.js";
import { tokenDeletion } from "../token-deletion.js";

export interface PruneFlags extends TokenFilterFlags {
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  projectId?: string;
  token?: string;
}

function describe(token: ServiceTokenData, now: Date): string {
  const expiry = token.expiresAt
    ? `${new Date(token.expiresAt) <= now ? "expired" : "expires"} ${formatRelative(new Date(token.expiresAt), now)}`
    : "never expires";
  const used = token.lastUsed
    ? `used ${formatRelative(new Date(token.lastUsed), now)}`
    : "never used";
  return `  ${token.id}  ${JSON.stringify(token.name)}  ${token.scopes.map(formatScope).join(" ")}  ${expiry}, ${used}`;
}

/**
 * What will be deleted, on stderr: at a terminal the table `list` shows, fitted to its width
 * (loaded only then: it brings the display-width library); elsewhere one line per token.
 */
async function showSelected(ctx: CommandContext, tokens: ServiceTokenData[], now: Date) {
  if (!ctx.stderr.isTTY || ctx.globals.silent) {
    for (const token of tokens) ctx.logger.notice(describe(token, now));
    return;
  }
  const { tokenTable } = await import("../../../output/token-table.js");
  const width = ctx.stderr.columns || Number(ctx.env.COLUMNS) || 120;
  ctx.stderr.write(tokenTable(tokens, now, width).text);
}

/** Deletes the tokens the filters select: shown first, asked in a terminal, --yes in scripts. */
export async function runPrune(flags: PruneFlags, ctx: CommandContext): Promise<void> {
  const filters = parseTokenFilters(flags);
  if (filters.length === 0) {
    throw new UsageError("prune needs at least one filter: it never deletes every token", {
      hint: "e.g. `infisical service-token prune --expired`; `service-token list` takes the same filters and shows what they select",
    });
  }
  if (!flags.yes && !flags.dryRun && !ctx.canPrompt) {
    throw new UsageError("deleting tokens needs confirmation", {
      hint: "pass --yes to delete without a prompt, or --dry-run to see what would be deleted",
      neededTerminal: true,
    });
  }
  const access = await connectToProject(ctx, flags.projectId, flags.token);
  const { client, credentials, projectId } = access;
  const tokens = await projectTokens(access);
  const now = ctx.now();
  const selected = selectTokens(tokens, filters, now);
  const matching = listInWords(
    filters.map((f) => f.label),
    "and",
  );
  if (selected.length === 0) {
    if (flags.json) ctx.stdout.write("[]\n");
    ctx.logger.notice(
      `none of the ${tokens.length} service tokens in project ${projectId} match ${matching}: nothing to delete`,
    );
    return;
  }
  const count = `${selected.length} of ${tokens.length} service tokens match ${matching}`;
  if (flags.dryRun) {
    if (flags.json) ctx.stdout.write(`${JSON.stringify(selected.map(tokenJson), null, 2)}\n`);
    else ctx.stdout.write(`${selected.map((t) => describe(t, now)).join("\n")}\n`);
    ctx.logger.notice(`dry run: ${count}; nothing was deleted`);
    return;
  }
  if (!flags.json || !flags.yes) {
    ctx.logger.notice(`${count}:`);
    await showSelected(ctx, selected, now);
  }
  if (!flags.yes) {
    const question = `Delete ${selected.length === 1 ? "this token" : `these ${selected.length} tokens`}? Anything using ${selected.length === 1 ? "it" : "them"} stops working at once.`;
    if (!(await ctx.prompts.confirm(question))) throw new CancelledError("nothing was deleted");
  }
  await deleteEach(
    selected.map((t) => t.id),
    tokenDeletion(client, credentials.token),
    ctx,
    flags.json === true,
  );
}
