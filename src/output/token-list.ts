import type { ServiceTokenData } from "../api/schemas.js";
import type { CommandContext } from "../context.js";
import { listInWords } from "../core/flag-values.js";
import { formatScope } from "../core/scope.js";
import { tokenJson } from "./token-json.js";
import { tokenTable } from "./token-table.js";
import { visible } from "./visible.js";

/**
 * Piped output: one token per line, tab-separated, full values, no header (like gh). Control
 * characters, tabs and newlines in a value are escaped, so one record is always one line.
 */
export function tokenLines(tokens: readonly ServiceTokenData[]): string {
  return tokens
    .map((t) =>
      [
        t.id,
        t.name,
        t.scopes.map(formatScope).join(" "),
        t.permissions.join(","),
        t.expiresAt ?? "never",
        t.lastUsed ?? "never",
        t.createdAt,
      ]
        .map(visible)
        .join("\t"),
    )
    .map((line) => `${line}\n`)
    .join("");
}

export function renderTokenList(
  ctx: CommandContext,
  tokens: readonly ServiceTokenData[],
  options: {
    json: boolean;
    wide: boolean;
    /** What filters chose these, and from how many. */
    filtered?: { labels: string[]; total: number } | undefined;
  },
  projectId: string,
): void {
  const newestFirst = [...tokens].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(newestFirst.map(tokenJson), null, 2)}\n`);
    return;
  }
  const filtered = options.filtered;
  const matching = filtered ? ` match ${listInWords(filtered.labels, "and")}` : "";
  if (newestFirst.length === 0) {
    ctx.logger.notice(
      filtered
        ? `none of the ${filtered.total} service tokens in project ${projectId}${matching}`
        : `no service tokens in project ${projectId}`,
    );
    return;
  }
  if (filtered && ctx.stdout.isTTY) {
    ctx.logger.notice(`${newestFirst.length} of ${filtered.total} service tokens${matching}`);
  }
  if (!ctx.stdout.isTTY) {
    ctx.stdout.write(tokenLines(newestFirst));
    return;
  }
  const width = ctx.stdout.columns || Number(ctx.env.COLUMNS) || 120;
  const table = tokenTable(newestFirst, ctx.now(), width, { wide: options.wide });
  ctx.stdout.write(table.text);
  if (table.omitted.length > 0) {
    // Short enough for the narrowest terminal the table serves (60 columns).
    ctx.logger.notice(`hidden to fit: ${table.omitted.join(", ")} (--json has all)`);
  }
}
