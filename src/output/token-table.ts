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
  /** Tells apart two forms of one column (EXPIRES with or without the date). */
  id: string;
  header: string;
  /** The cell, for the width it may take (undefined: as wide as it likes). */
  cell(token: ServiceTokenData, width?: number): string;
}

export interface TokenTable {
  text: string;
  /** The columns left out to fit, in the order shown in a wide terminal. */
  omitted: string[];
}

/** Display width: plain ASCII (most cells) is measured without the width library. */
function displayWidth(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

/** Cuts to `width` display cells, at a space when one is near, ending in "…". */
export function fitCell(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  let cut = "";
  let cutWidth = 0;
  for (const ch of text) {
    const chWidth = displayWidth(ch);
    if (cutWidth + chWidth > width - 1) break;
    cut += ch;
    cutWidth += chWidth;
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
  if (width === undefined || displayWidth(whole) <= width) return whole;
  for (let shown = all.length - 1; shown >= 1; shown -= 1) {
    const text = `${all.slice(0, shown).join(" ")} +${all.length - shown}`;
    if (displayWidth(text) <= width) return text;
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

/** A column's cells for a width limit, and the width they take: each is worked out once. */
interface Measured {
  cells: string[];
  width: number;
}

function measurer(tokens: readonly ServiceTokenData[]) {
  const done = new Map<string, Measured>();
  return (column: Column, limit?: number): Measured => {
    const key = `${column.id}:${limit ?? ""}`;
    let measured = done.get(key);
    if (!measured) {
      const cells = tokens.map((t) => column.cell(t, limit));
      const width = cells.reduce(
        (max, cell) => Math.max(max, displayWidth(cell)),
        column.header.length,
      );
      measured = { cells, width };
      done.set(key, measured);
    }
    return measured;
  };
}

/** The width a layout takes: its columns side by side, with the gaps between them. */
function layoutWidth(layout: Layout, measure: ReturnType<typeof measurer>): number {
  return layout.columns.reduce(
    (sum, column, c) =>
      sum + (c > 0 ? GAP : 0) + measure(column, layout.shrink.get(column.header)).width,
    0,
  );
}

function render(
  tokens: readonly ServiceTokenData[],
  layout: Layout,
  measure: ReturnType<typeof measurer>,
): string {
  const columns = layout.columns.map((column) => measure(column, layout.shrink.get(column.header)));
  const line = (cell: (c: number) => string) =>
    columns
      .map((measured, c) => {
        const text = cell(c);
        return text + " ".repeat(measured.width - displayWidth(text));
      })
      .join(" ".repeat(GAP))
      .trimEnd();
  const lines = [line((c) => (layout.columns[c] as Column).header)];
  for (let r = 0; r < tokens.length; r += 1) lines.push(line((c) => columns[c]?.cells[r] ?? ""));
  return `${lines.join("\n")}\n`;
}

export function tokenTable(
  tokens: readonly ServiceTokenData[],
  now: Date,
  width: number,
  options: { wide?: boolean } = {},
): TokenTable {
  const idLength = options.wide ? 36 : shortIdLength(tokens.map((t) => t.id));
  const column = (header: string, cell: Column["cell"], id = header): Column => ({
    id,
    header,
    cell,
  });
  const id = column("ID", (t) => t.id.slice(0, idLength));
  const name = column("NAME", (t, w) => (w ? fitCell(visible(t.name), w) : visible(t.name)));
  const scopes = column("SCOPES", scopesCell);
  const access = column("ACCESS", (t) => visible(t.permissions.join(",")) || "none");
  const expiresLong = column("EXPIRES", (t) => expiresCell(t, now, true), "EXPIRES with date");
  const expires = column("EXPIRES", (t) => expiresCell(t, now, false));
  const lastUsed = column("LAST USED", (t) =>
    t.lastUsed ? formatRelative(new Date(t.lastUsed), now) : "never",
  );
  const created = column("CREATED", (t) => formatRelative(new Date(t.createdAt), now));
  const measure = measurer(tokens);

  const widest = (column: Column) => measure(column).width;
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
    if (layoutWidth(layout, measure) <= width)
      return { text: render(tokens, layout, measure), omitted: layout.omitted };
  }
  // Narrower still: SCOPES and NAME share what is left, then SCOPES goes.
  const fixedWidth = layoutWidth(
    { columns: [id, access, expires], shrink: new Map(), omitted: [] },
    measure,
  );
  const room = width - fixedWidth - 2 * GAP;
  const nameWidth = Math.max(MIN_NAME, Math.min(widest(name), Math.ceil(room / 2)));
  const scopesWidth = room - GAP - nameWidth;
  const omitted = ["LAST USED", "CREATED"];
  const layout: Layout =
    scopesWidth >= 8
      ? {
          columns: [id, name, scopes, access, expires],
          shrink: new Map([
            ["NAME", nameWidth],
            ["SCOPES", Math.min(scopesWidth, widest(scopes))],
          ]),
          omitted,
        }
      : {
          columns: [id, name, access, expires],
          shrink: new Map([["NAME", Math.max(MIN_NAME, room)]]),
          omitted: ["SCOPES", ...omitted],
        };
  return { text: render(tokens, layout, measure), omitted: layout.omitted };
}
