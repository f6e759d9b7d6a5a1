import { getProjectResponseSchema, listProjectsResponseSchema } from "../../api/schemas.js";
import type { Identity } from "../auth.js";
import { forbidden, notFound } from "../http-error.js";
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

/** The project, if the identity may act on it: a member user of its org, or a token of it. */
export function projectFor(state: DevState, identity: Identity, projectId: string): ProjectRecord {
  const project = state.projects.get(projectId);
  if (!project) throw notFound(`Project with ${projectId} not found`);
  const allowed =
    identity.mode === "serviceToken"
      ? identity.token.projectId === project.id
      : identity.mode === "jwt"
        ? identity.organizationId === project.orgId &&
          state.isMember(identity.userId, project.orgId)
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
      project: serializeProject(projectFor(deps.state, identity, params.projectId)),
    }),
  }),
];
