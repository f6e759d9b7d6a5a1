import { UsageError } from "../errors.js";

/**
 * Splits one flag value into items the way the Go CLI's string-slice flags do (one CSV record:
 * commas separate, double quotes keep a literal comma, `""` inside quotes is a quote), with one
 * deliberate difference: a comma inside `{...}` glob braces belongs to the path, so
 * `dev:/{a,b}/**` stays one scope.
 */
export function splitListValue(raw: string, flag: string): string[] {
  if (raw === "") return [];
  const items: string[] = [];
  let field = "";
  let braceDepth = 0;
  let i = 0;
  let quoted = false;

  const fail = (why: string): never => {
    throw new UsageError(`invalid value for ${flag}: ${why}`, {
      details: [`value: ${JSON.stringify(raw)}`],
      hint: "wrap an item in double quotes to keep a comma in it, e.g. '\"dev:/a,b\"'",
    });
  };

  while (i <= raw.length) {
    const ch = raw[i];
    if (quoted) {
      if (ch === undefined) fail("a double quote is never closed");
      if (ch === '"') {
        if (raw[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        const next = raw[i + 1];
        if (next !== undefined && next !== ",")
          fail(`unexpected text after a closing quote at column ${i + 2}`);
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === undefined || (ch === "," && braceDepth === 0)) {
      items.push(field);
      field = "";
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) fail(`a bare double quote inside an unquoted item at column ${i + 1}`);
      quoted = true;
      i += 1;
      continue;
    }
    if (ch === "{") braceDepth += 1;
    if (ch === "}" && braceDepth > 0) braceDepth -= 1;
    field += ch;
    i += 1;
  }
  return items;
}

/** Keeps the first occurrence of each key, in order. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
