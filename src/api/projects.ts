import type { ApiClient } from "./client.js";
import { getProjectResponseSchema, type Project } from "./schemas.js";

export async function getProject(
  client: ApiClient,
  token: string,
  projectId: string,
): Promise<Project> {
  const response = await client.send({
    method: "GET",
    path: `/v1/projects/${encodeURIComponent(projectId)}`,
    token,
    schema: getProjectResponseSchema,
    retry: "idempotent",
  });
  return response.project;
}
