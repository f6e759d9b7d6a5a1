import { CliError } from "../errors.js";

/** Headers the CLI owns; a custom header may not replace them (same rule as the Go CLI). */
const RESERVED = new Set(["user-agent", "accept"]);

/** The variable's value is never quoted: it may hold credentials (an Authorization header). */
function invalid(why: string): CliError {
  return new CliError(`INFISICAL_CUSTOM_HEADERS is not valid: ${why}`, {
    hint: "use space-separated key=value pairs, e.g. INFISICAL_CUSTOM_HEADERS='X-Team=ops X-Note=\"two words\"'",
  });
}

/**
 * Parses `key=value` pairs separated by whitespace. A value may be wrapped in single or double
 * quotes to hold spaces; inside quotes a backslash-escaped quote does not end the value.
 */
export function parseCustomHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (raw === undefined) return headers;
  let i = 0;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < raw.length) {
    while (isSpace(raw[i])) i += 1;
    if (i >= raw.length) break;
    const keyStart = i;
    while (i < raw.length && raw[i] !== "=" && !isSpace(raw[i])) i += 1;
    const key = raw.slice(keyStart, i);
    if (raw[i] !== "=") throw invalid(`${JSON.stringify(key)} has no '=value'`);
    if (key === "") throw invalid("a header name is empty");
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      throw invalid(`${JSON.stringify(key)} is not a valid header name`);
    }
    i += 1;
    let value = "";
    const quote = raw[i];
    if (quote === '"' || quote === "'") {
      i += 1;
      const start = i;
      while (i < raw.length && !(raw[i] === quote && raw[i - 1] !== "\\")) i += 1;
      value = raw.slice(start, i);
      i += 1;
    } else {
      const start = i;
      while (i < raw.length && !isSpace(raw[i])) i += 1;
      value = raw.slice(start, i);
    }
    if (/[\r\n\0]/.test(value)) throw invalid(`the value of ${key} has a control character`);
    if (!RESERVED.has(key.toLowerCase())) headers[key] = value;
  }
  return headers;
}
