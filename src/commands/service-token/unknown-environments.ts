import type { ApiClient } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { getProject } from "../../api/projects.js";
import { CliError } from "../../errors.js";

/** Current servers say 404 "One or more selected environments not found"; old ones 400. */
export function isUnknownEnvironmentError(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    ((error.status === 404 &&
      error.serverMessage === "One or more selected environments not found") ||
      (error.status === 400 && error.serverMessage === "Environment not found"))
  );
}

/**
 * The server does not say which slug is wrong; the project's environment list does. If that
 * list cannot be fetched, the server's own error still stands, with a hint.
 */
export async function explainUnknownEnvironments(
  error: ApiError,
  client: ApiClient,
  token: string,
  projectId: string,
  requested: readonly string[],
): Promise<CliError> {
  let environments: { slug: string; name: string }[];
  let projectName: string;
  try {
    const project = await getProject(client, token, projectId);
    environments = project.environments;
    projectName = project.name;
  } catch {
    return new CliError("one or more environments in --scope do not exist in the project", {
      details: error.details,
      hint: "check the environment slugs in --scope (e.g. dev, staging, prod)",
    });
  }
  const known = new Set(environments.map((e) => e.slug));
  const unknown = [...new Set(requested)].filter((slug) => !known.has(slug));
  const list = environments.map((e) => `${e.slug} (${e.name})`).join(", ") || "none";
  return new CliError(
    unknown.length > 0
      ? `unknown environment${unknown.length > 1 ? "s" : ""} in --scope: ${unknown.join(", ")}`
      : "one or more environments in --scope do not exist in the project",
    {
      details: [
        `project ${JSON.stringify(projectName)} (${projectId}) has: ${list}`,
        ...error.details,
      ],
      hint:
        environments.length > 0
          ? `use one of: ${environments.map((e) => e.slug).join(", ")}`
          : undefined,
    },
  );
}
