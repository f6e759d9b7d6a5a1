import { namingOrganizationsOnRefusal } from "../api/other-organization.js";
import type { ServiceTokenData } from "../api/schemas.js";
import { listServiceTokens } from "../api/service-tokens.js";
import type { ProjectAccess } from "./issue.js";

/** The project's tokens; a project of another of the user's organizations is explained. */
export function projectTokens(access: ProjectAccess): Promise<ServiceTokenData[]> {
  const { client, credentials, projectId } = access;
  return namingOrganizationsOnRefusal(
    () => listServiceTokens(client, credentials.token, projectId),
    client,
    credentials,
  );
}
