/**
 * Secret-path globs as service-token scopes use them: `**` crosses folders, `*` and `?` stay
 * inside one, `{a,b}` is a choice. Enough to decide whether a path is inside a scope.
 */
export function isGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

function toRegExpSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] as string;
    if (ch === "*" && pattern[i + 1] === "*") {
      // "/**" also matches the folder itself.
      if (out.endsWith("\\/")) out = `${out.slice(0, -2)}(?:\\/.*)?`;
      else out += ".*";
      i += 1;
    } else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "{") {
      const end = pattern.indexOf("}", i);
      if (end === -1) out += "\\{";
      else {
        out += `(?:${pattern
          .slice(i + 1, end)
          .split(",")
          .map(toRegExpSource)
          .join("|")})`;
        i = end;
      }
    } else out += ch.replace(/[.+^$()|[\]\\/]/g, "\\$&");
  }
  return out;
}

export function globMatches(pattern: string, path: string): boolean {
  return new RegExp(`^${toRegExpSource(pattern)}$`).test(path);
}
