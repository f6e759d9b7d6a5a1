import { SERVICE_TOKEN_PATH } from "../../api/service-tokens.js";
import type { PlannedRequest } from "../../output/dry-run.js";
import type { prepareCreate } from "../../service-tokens/issue.js";
import type { connectToProject } from "../connect.js";

type ProjectConnection = Awaited<ReturnType<typeof connectToProject>>;

/** The headers every request carries, as a dry run shows them (the credential is added there). */
function plannedHeaders(connection: ProjectConnection, withBody: boolean) {
  return {
    ...connection.customHeaders,
    "User-Agent": "cli",
    Accept: "application/json",
    ...(withBody ? { "Content-Type": "application/json" } : {}),
  };
}

/** The create request exactly as it would be sent. */
export function plannedCreate(
  connection: ProjectConnection,
  prepared: ReturnType<typeof prepareCreate>,
): PlannedRequest {
  return {
    method: "POST",
    url: `${connection.settings.domain.apiBase}${SERVICE_TOKEN_PATH}`,
    headers: plannedHeaders(connection, true),
    body: prepared.body,
  };
}

/** The delete request of a token, exactly as it would be sent. */
export function plannedDelete(connection: ProjectConnection, id: string): PlannedRequest {
  return {
    method: "DELETE",
    url: `${connection.settings.domain.apiBase}${SERVICE_TOKEN_PATH}/${encodeURIComponent(id)}`,
    headers: plannedHeaders(connection, false),
  };
}
