import type { ApiClient } from "../api/client.js";
import { describeUnknownEnvironments } from "../api/error-table.js";
import type { ApiError } from "../api/errors.js";
import type { CliError } from "../errors.js";

/**
 * The server does not say which slug is wrong; the project's environment list does. If that
 * list cannot be fetched, the server's own error still stands.
 */
export async function explainUnknownEnvironments(
  error: ApiError,
  client: ApiClient,
  token: string,
  projectId: string,
  requested: readonly string[],
): Promise<CliError> {
  try {
    // Loaded on this failure only: a create that succeeds never reads a project.
    const { getProject } = await import("../api/projects.js");
    const project = await getProject(client, token, projectId);
    return describeUnknownEnvironments(error, project, requested);
  } catch {
    return error;
  }
}
