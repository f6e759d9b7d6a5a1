/**
 * The table `service-token list` shows a person: it fits the terminal by giving up what matters
 * least first (the expiry date, then CREATED and LAST USED, then width of SCOPES and NAME, then
 * SCOPES), never cuts a word in the middle where a shorter form exists, ends a cut cell with
 * "…", and says which columns it left out. Widths are display widths (East Asian characters and
 * emoji take two cells).
 */
import stringWidth from "string-width";
import type { ServiceTokenData } from "../api/schemas.js";
import { formatScope } from "../core/scope.js";
import { formatRelative } from "./time.js";
import { visible } from "./visible.js";

const GAP = 2;
const SHORT_ID = 8;
const MIN_NAME = 10;

interface Column {
  header: string;
  /** The cell, for the width it may take (undefined: as wide as it likes). */
  cell(token: ServiceTokenData, width?: number): string;
}

export interface TokenTable {
  text: string;
  /** The columns left out to fit, in the order shown in a wide terminal. */
  omitted: string[];
}

/** Cuts to `width` display cells, at a space when one is near, ending in "…". */
export function fitCell(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  let cut = "";
  for (const ch of text) {
    if (stringWidth(cut + ch) > width - 1) break;
    cut += ch;
  }
  const endsAWord = /\s/.test(text.charAt(cut.length));
  const space = cut.lastIndexOf(" ");
  // A word boundary in the last third is preferred to a cut word.
  if (!endsAWord && space > (cut.length * 2) / 3) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** Scopes, as many as fit whole, and how many more: `dev:/ staging:/ +2`. */
function scopesCell(token: ServiceTokenData, width?: number): string {
  const all = token.scopes.map((s) => visible(formatScope(s)));
  const whole = all.join(" ");
  if (width === undefined || stringWidth(whole) <= width) return whole;
  for (let shown = all.length - 1; shown >= 1; shown -= 1) {
    const text = `${all.slice(0, shown).join(" ")} +${all.length - shown}`;
    if (stringWidth(text) <= width) return text;
  }
  return fitCell(all[0] ?? "", width);
}

function expiresCell(token: ServiceTokenData, now: Date, withDate: boolean): string {
  if (!token.expiresAt) return "never";
  const at = new Date(token.expiresAt);
  const relative = formatRelative(at, now);
  if (at <= now) return `expired ${relative}`;
  return withDate ? `${relative} (${token.expiresAt.slice(0, 10)})` : relative;
}

/** The shortest id prefix, from 8 characters, that tells these tokens apart. */
export function shortIdLength(ids: readonly string[]): number {
  for (let length = SHORT_ID; length < 36; length += 1) {
    if (new Set(ids.map((id) => id.slice(0, length))).size === new Set(ids).size) return length;
  }
  return 36;
}

interface Layout {
  columns: Column[];
  /** Widths a column may shrink to, by header. */
  shrink: Map<string, number>;
  omitted: string[];
}

function render(tokens: readonly ServiceTokenData[], layout: Layout): string[] {
  const rows = tokens.map(() => [] as string[]);
  const widths: number[] = [];
  layout.columns.forEach((column, c) => {
    const limit = layout.shrink.get(column.header);
    const cells = tokens.map((t) => column.cell(t, limit));
    widths[c] = Math.max(stringWidth(column.header), ...cells.map((cell) => stringWidth(cell)));
    cells.forEach((cell, r) => rows[r]?.push(cell));
  });
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell + " ".repeat((widths[c] as number) - stringWidth(cell)))
      .join(" ".repeat(GAP))
      .trimEnd();
  return [line(layout.columns.map((c) => c.header)), ...rows.map(line)];
}

const tooWide = (lines: string[], width: number) => lines.some((line) => stringWidth(line) > width);

export function tokenTable(
  tokens: readonly ServiceTokenData[],
  now: Date,
  width: number,
  options: { wide?: boolean } = {},
): TokenTable {
  const idLength = options.wide ? 36 : shortIdLength(tokens.map((t) => t.id));
  const column = (header: string, cell: Column["cell"]): Column => ({ header, cell });
  const id = column("ID", (t) => t.id.slice(0, idLength));
  const name = column("NAME", (t, w) => (w ? fitCell(visible(t.name), w) : visible(t.name)));
  const scopes = column("SCOPES", scopesCell);
  const access = column("ACCESS", (t) => visible(t.permissions.join(",")) || "none");
  const expiresLong = column("EXPIRES", (t) => expiresCell(t, now, true));
  const expires = column("EXPIRES", (t) => expiresCell(t, now, false));
  const lastUsed = column("LAST USED", (t) =>
    t.lastUsed ? formatRelative(new Date(t.lastUsed), now) : "never",
  );
  const created = column("CREATED", (t) => formatRelative(new Date(t.createdAt), now));

  const widest = (header: string) =>
    Math.max(
      ...tokens.map((t) => stringWidth(header === "NAME" ? visible(t.name) : scopesCell(t))),
    );
  // Each step gives up more; the first that fits is shown.
  const steps: Layout[] = [
    {
      columns: [id, name, scopes, access, expiresLong, lastUsed, created],
      shrink: new Map(),
      omitted: [],
    },
    {
      columns: [id, name, scopes, access, expires, lastUsed, created],
      shrink: new Map(),
      omitted: [],
    },
    {
      columns: [id, name, scopes, access, expires, lastUsed],
      shrink: new Map(),
      omitted: ["CREATED"],
    },
    {
      columns: [id, name, scopes, access, expires],
      shrink: new Map(),
      omitted: ["LAST USED", "CREATED"],
    },
  ];
  for (const layout of steps) {
    const lines = render(tokens, layout);
    if (!tooWide(lines, width)) return { text: `${lines.join("\n")}\n`, omitted: layout.omitted };
  }
  // Narrower still: SCOPES and NAME share what is left, then SCOPES goes.
  const fixed = [id, access, expires];
  const fixedWidth = render(tokens, { columns: fixed, shrink: new Map(), omitted: [] })
    .map((l) => stringWidth(l))
    .reduce((a, b) => Math.max(a, b), 0);
  const room = width - fixedWidth - 2 * GAP;
  const nameWidth = Math.max(MIN_NAME, Math.min(widest("NAME"), Math.ceil(room / 2)));
  const scopesWidth = room - GAP - nameWidth;
  const omitted = ["LAST USED", "CREATED"];
  const layout: Layout =
    scopesWidth >= 8
      ? {
          columns: [id, name, scopes, access, expires],
          shrink: new Map([
            ["NAME", nameWidth],
            ["SCOPES", Math.min(scopesWidth, widest("SCOPES"))],
          ]),
          omitted,
        }
      : {
          columns: [id, name, access, expires],
          shrink: new Map([["NAME", Math.max(MIN_NAME, room)]]),
          omitted: ["SCOPES", ...omitted],
        };
  return { text: `${render(tokens, layout).join("\n")}\n`, omitted: layout.omitted };
}
