import type { ServiceTokenData } from "../api/schemas.js";
import type { CommandContext } from "../context.js";
import { formatScope } from "../core/scope.js";
import { formatRelative } from "./time.js";
import { visible } from "./visible.js";

/** The documented --json fields of one listed token. */
export function tokenJson(token: ServiceTokenData) {
  return {
    id: token.id,
    name: token.name,
    projectId: token.projectId,
    scopes: token.scopes.map(({ environment, secretPath }) => ({ environment, secretPath })),
    permissions: token.permissions,
    expiresAt: token.expiresAt ?? null,
    lastUsed: token.lastUsed ?? null,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
  };
}

const day = (iso: string) => iso.slice(0, 10);

function expiresCell(token: ServiceTokenData, now: Date): string {
  if (!token.expiresAt) return "never";
  const at = new Date(token.expiresAt);
  const relative = formatRelative(at, now);
  // Relative first, so a narrow terminal cuts the date rather than the part people read.
  return at <= now ? `expired ${relative}` : `${relative} (${day(token.expiresAt)})`;
}

function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

const HEADERS = ["ID", "NAME", "SCOPES", "ACCESS", "EXPIRES", "LAST USED", "CREATED"] as const;
/** [column, narrowest width]: who gives up width when the terminal is narrow, in this order. */
const SHRINKABLE: [number, number][] = [
  [2, 10], // scopes: the full list is in --json
  [4, 11], // expires: the date goes, "in 7 days" stays
  [1, 8], // name: last, it is what people look for
];

/** An aligned table that fits `width` columns: long names and scopes are cut with "…". */
export function tokenTable(tokens: readonly ServiceTokenData[], now: Date, width: number): string {
  const rows = tokens.map((t) =>
    [
      t.id,
      t.name,
      t.scopes.map(formatScope).join(" "),
      t.permissions.join(",") || "none",
      expiresCell(t, now),
      t.lastUsed ? formatRelative(new Date(t.lastUsed), now) : "never",
      formatRelative(new Date(t.createdAt), now),
    ].map(visible),
  );
  const widths = HEADERS.map((h, i) =>
    rows.reduce((max, row) => Math.max(max, (row[i] as string).length), h.length),
  );
  const gap = 2;
  let excess = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1) - width;
  for (const [i, min] of SHRINKABLE) {
    if (excess <= 0) break;
    const cut = Math.min(excess, Math.max(0, (widths[i] as number) - min));
    widths[i] = (widths[i] as number) - cut;
    excess -= cut;
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1
          ? truncate(cell, widths[i] as number)
          : truncate(cell, widths[i] as number).padEnd(widths[i] as number),
      )
      .join(" ".repeat(gap))
      .trimEnd()
      // Narrower than the columns' minimum: cut the line rather than wrap it.
      .slice(0, Math.max(width, 20));
  return [line(HEADERS), ...rows.map(line)].join("\n") + "\n";
}

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
  json: boolean,
  projectId: string,
): void {
  const newestFirst = [...tokens].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
  if (json) {
    ctx.stdout.write(`${JSON.stringify(newestFirst.map(tokenJson), null, 2)}\n`);
    return;
  }
  if (newestFirst.length === 0) {
    ctx.logger.notice(`no service tokens in project ${projectId}`);
    return;
  }
  ctx.stdout.write(
    ctx.stdout.isTTY
      ? tokenTable(newestFirst, ctx.now(), ctx.stdout.columns || Number(ctx.env.COLUMNS) || 120)
      : tokenLines(newestFirst),
  );
}
