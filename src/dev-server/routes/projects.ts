import {
  createFolderRequestSchema,
  createFolderResponseSchema,
  createProjectRequestSchema,
} from "../../api/dev-server-schemas.js";
import { getProjectResponseSchema, listProjectsResponseSchema } from "../../api/project-schemas.js";
import type { Identity } from "../auth.js";
import { folderNotFound, forbidden, notFound } from "../http-error.js";
import { route, type Route } from "../route.js";
import type { DevState, ProjectRecord } from "../state.js";

/** projectWithEnv, field for field as the real server returns it. */
export function serializeProject(project: ProjectRecord) {
  return {
    id: project.id,
    name: project.name,
    description: null,
    type: "secret-manager",
    defaultProduct: null,
    slug: project.slug,
    autoCapitalization: false,
    orgId: project.orgId,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    version: 3,
    upgradeStatus: null,
    pitVersionLimit: 10,
    kmsCertificateKeyId: null,
    auditLogsRetentionDays: null,
    hasDeleteProtection: false,
    secretSharing: true,
    showSnapshotsLegacy: false,
    secretDetectionIgnoreValues: null,
    enforceEncryptedSecretManagerSecretMetadata: null,
    _id: project.id,
    environments: project.environments.map(({ name, slug, id }) => ({ name, slug, id })),
    deletedEnvironments: [],
  };
}

/** How a route words an unknown project: the service-token routes and GET project differ. */
export type MissingProjectWording = "service-token" | "project";

/**
 * The project, if the identity may act on it: a user logged in to its organization (a login for
 * another organization is refused even when the user belongs to both), or a token of it.
 */
export function projectFor(
  state: DevState,
  identity: Identity,
  projectId: string,
  wording: MissingProjectWording = "service-token",
): ProjectRecord {
  const project = state.projects.get(projectId);
  if (!project) {
    throw notFound(
      wording === "project"
        ? `Project with ID '${projectId}' not found`
        : `Project with ${projectId} not found`,
    );
  }
  if (identity.mode === "jwt" && identity.organizationId !== project.orgId)
    throw forbidden(
      "ForbiddenError",
      "This project does not belong to your selected organization.",
    );
  const allowed =
    identity.mode === "serviceToken"
      ? identity.token.projectId === project.id
      : identity.mode === "jwt"
        ? state.isMember(identity.userId, project.orgId)
        : true;
  if (!allowed) throw forbidden("User not a part of the specified project");
  return project;
}

export const projectRoutes: Route[] = [
  route({
    method: "GET",
    path: "/api/v1/projects",
    auth: { modes: ["jwt"] },
    response: listProjectsResponseSchema,
    handle: ({ identity, deps }) => {
      const { userId, organizationId } = identity;
      const visible = [...deps.state.projects.values()].filter(
        (p) => p.orgId === organizationId && deps.state.isMember(userId, p.orgId),
      );
      return { projects: visible.map(serializeProject) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/projects/:projectId",
    auth: { modes: ["jwt", "serviceToken", "identityAccessToken"] },
    response: getProjectResponseSchema,
    handle: ({ params, identity, deps }) => ({
      project: serializeProject(projectFor(deps.state, identity, params.projectId, "project")),
    }),
  }),
  route({
    method: "POST",
    path: "/api/v1/projects",
    auth: { modes: ["jwt"] },
    body: createProjectRequestSchema,
    response: getProjectResponseSchema,
    handle: ({ body, identity, deps }) => ({
      project: serializeProject(
        deps.state.addProject(identity.organizationId as string, body.projectName),
      ),
    }),
  }),
  route({
    // `path` is the parent folder, which must exist.
    method: "POST",
    path: "/api/v2/folders",
    auth: { modes: ["jwt"] },
    body: createFolderRequestSchema,
    response: createFolderResponseSchema,
    handle: ({ body, identity, deps }) => {
      const project = projectFor(deps.state, identity, body.projectId, "project");
      if (!deps.state.hasFolder(project.id, body.environment, body.path))
        throw folderNotFound(body.path, body.environment);
      return {
        folder: deps.state.addFolder(project.id, body.environment, body.path, body.name),
      };
    },
  }),
];
