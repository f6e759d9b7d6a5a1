import type { ApiClient } from "../../api/client.js";
import { deleteServiceToken } from "../../api/service-tokens.js";
import type { Deletion } from "../delete-each.js";

/** Service tokens, for the shared delete loop (delete and prune). */
export function tokenDeletion(client: ApiClient, token: string): Deletion {
  return {
    nouns: ["token", "tokens"],
    remove: async (id) => await deleteServiceToken(client, token, id),
    listCommand: "infisical service-token list",
  };
}
