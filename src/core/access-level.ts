import { UsageError } from "../errors.js";
import { ACCESS_LEVELS, listInWords, type AccessLevel } from "./flag-values.js";
import { splitListValue } from "./list-value.js";

export type { AccessLevel };

/** All --access-level values -> the distinct levels, always in the order read, write. */
export function parseAccessLevels(values: readonly string[]): AccessLevel[] {
  const requested = new Set<string>();
  for (const value of values) {
    for (const item of splitListValue(value, "--access-level")) {
      const level = item.trim().toLowerCase();
      if (!(ACCESS_LEVELS as readonly string[]).includes(level)) {
        throw new UsageError(
          `invalid --access-level ${JSON.stringify(item)}: use ${listInWords(ACCESS_LEVELS)}`,
          {
            hint: "e.g. --access-level read, or --access-level read,write for both",
          },
        );
      }
      requested.add(level);
    }
  }
  if (requested.size === 0) {
    throw new UsageError("no access level given: say whether the token may read, write or both", {
      hint: "add --access-level read (or write, or read,write)",
    });
  }
  return ACCESS_LEVELS.filter((level) => requested.has(level));
}
