import type { ApiClient } from "./client.js";
import { describeOtherOrganization } from "./error-table.js";
import { ApiError } from "./errors.js";

/**
 * Runs a request on one project; when the project belongs to another organization of the user,
 * the error names the user's organizations (one more request), so the next login is obvious.
 */
export async function namingOrganizationsOnRefusal<T>(
  request: () => Promise<T>,
  client: ApiClient,
  credentials: { token: string; organizationId: string },
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === "project-in-other-organization")) throw error;
    let organizations;
    try {
      // Loaded on this refusal only: a request that succeeds never lists organizations.
      const { listOrganizations } = await import("./auth.js");
      organizations = await listOrganizations(client, credentials.token);
    } catch {
      throw error;
    }
    throw describeOtherOrganization(error, organizations, credentials.organizationId);
  }
}
