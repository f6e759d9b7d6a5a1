import type { ServiceTokenData } from "../api/schemas.js";
import { UsageError } from "../errors.js";

/** The beginning of an id, as `list` shows it (a whole id is 36 characters). */
export const ID_BEGINNING = /^[0-9a-f][0-9a-f-]{3,34}$/i;

/**
 * The project's token with this id, or the one whose id starts with it; anything else (none,
 * several) is a usage error that lists the candidates.
 */
export function findToken(
  tokens: readonly ServiceTokenData[],
  id: string,
  projectId: string,
): ServiceTokenData {
  const wanted = id.trim().toLowerCase();
  const exact = tokens.find((t) => t.id === wanted);
  if (exact) return exact;
  const matches = ID_BEGINNING.test(wanted) ? tokens.filter((t) => t.id.startsWith(wanted)) : [];
  if (matches.length === 1) return matches[0] as ServiceTokenData;
  throw new UsageError(
    matches.length === 0
      ? `no service token of project ${projectId} has ${ID_BEGINNING.test(wanted) ? "an id starting with" : "the id"} ${id}`
      : `${matches.length} service tokens have an id starting with ${id}`,
    {
      details: matches.map((t) => `${t.id}  ${t.name}`),
      hint:
        matches.length === 0
          ? "check the id and the project (`infisical service-token list`, --projectId)"
          : "give more of the id (`infisical service-token list --wide` shows whole ids)",
    },
  );
}
