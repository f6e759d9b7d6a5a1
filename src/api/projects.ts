import type { ApiClient } from "./client.js";
import {
  getProjectResponseSchema,
  listProjectsResponseSchema,
  type Project,
} from "./project-schemas.js";

export async function getProject(
  client: ApiClient,
  token: string,
  projectId: string,
): Promise<Project> {
  const response = await client.send({
    operation: "get-project",
    method: "GET",
    path: `/v1/projects/${encodeURIComponent(projectId)}`,
    token,
    schema: getProjectResponseSchema,
    retry: "idempotent",
  });
  return response.project;
}

/** The projects of the session's organization. */
export async function listProjects(client: ApiClient, token: string): Promise<Project[]> {
  const response = await client.send({
    operation: "list-projects",
    method: "GET",
    path: "/v1/projects",
    token,
    schema: listProjectsResponseSchema,
    retry: "idempotent",
  });
  return response.projects;
}
