import {
  createSecretRequestSchema,
  createSecretResponseSchema,
  readSecretsResponseSchema,
  removeTrailingSlash,
} from "../../api/schemas.js";
import type { Identity } from "../auth.js";
import { globMatches, isGlob } from "../glob.js";
import { HttpError } from "../http-error.js";
import { route, type Route } from "../route.js";
import type { DevState, Secret, ServiceTokenRow } from "../state.js";
import { projectFor } from "./projects.js";

/** A secret as the raw routes return it; reads add the folder and presentation fields. */
function serializeSecret(secret: Secret, forRead: boolean) {
  return {
    id: secret.id,
    _id: secret.id,
    workspace: secret.projectId,
    environment: secret.environment,
    version: secret.version,
    type: secret.type,
    secretKey: secret.key,
    secretValue: secret.value,
    secretComment: secret.comment,
    secretReminderNote: null,
    secretReminderRepeatDays: null,
    skipMultilineEncoding: false,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
    isRotatedSecret: false,
    rotationId: null,
    ...(forRead
      ? { secretPath: secret.secretPath, secretValueHidden: false, secretMetadata: [], tags: [] }
      : {}),
  };
}

const denied = (action: string) =>
  new HttpError(403, `You are not allowed to ${action} on secrets`, "PermissionDenied", []);

function inScope(token: ServiceTokenRow, environment: string, secretPath: string): boolean {
  return token.scopes.some(
    (s) => s.environment === environment && globMatches(s.secretPath, secretPath),
  );
}

/**
 * Which folder a read looks at. Like the real server: a token with a single plain scope always
 * reads that scope, whatever the query asks for; other tokens read what the query asks for,
 * and get nothing when that is outside their scopes.
 */
function readTarget(token: ServiceTokenRow, environment: string, secretPath: string) {
  const only = token.scopes.length === 1 ? token.scopes[0] : undefined;
  if (only && !isGlob(only.secretPath))
    return { environment: only.environment, secretPath: only.secretPath };
  return inScope(token, environment, secretPath) ? { environment, secretPath } : undefined;
}

function readSecrets(state: DevState, identity: Identity, query: URLSearchParams) {
  const environment = query.get("environment")?.trim() ?? "";
  const secretPath = removeTrailingSlash(query.get("secretPath")?.trim() || "/");
  if (identity.mode === "serviceToken") {
    const token = identity.token;
    if (!token.permissions.includes("read")) throw denied("readValue");
    const target = readTarget(token, environment, secretPath);
    const secrets = target
      ? state.findSecrets(token.projectId, target.environment, target.secretPath)
      : [];
    return { secrets: secrets.map((s) => serializeSecret(s, true)), imports: [] };
  }
  const project = projectFor(state, identity, query.get("workspaceId")?.trim() ?? "");
  return {
    secrets: state
      .findSecrets(project.id, environment, secretPath)
      .map((s) => serializeSecret(s, true)),
    imports: [],
  };
}

export const secretRoutes: Route[] = [
  route({
    method: "GET",
    path: "/api/v3/secrets/raw",
    auth: { modes: ["jwt", "serviceToken"] },
    response: readSecretsResponseSchema,
    handle: ({ identity, query, deps }) => readSecrets(deps.state, identity, query),
  }),
  route({
    method: "POST",
    path: "/api/v3/secrets/raw/:secretName",
    auth: { modes: ["jwt", "serviceToken"] },
    body: createSecretRequestSchema,
    response: createSecretResponseSchema,
    handle: ({ params, body, identity: who, deps }) => {
      let projectId: string;
      if (who.mode === "serviceToken") {
        if (
          !who.token.permissions.includes("write") ||
          !inScope(who.token, body.environment, body.secretPath)
        ) {
          throw denied("create");
        }
        projectId = who.token.projectId;
      } else {
        projectId = projectFor(deps.state, who, body.workspaceId).id;
      }
      const key = params.secretName;
      if (
        deps.state
          .findSecrets(projectId, body.environment, body.secretPath)
          .some((s) => s.key === key)
      ) {
        throw new HttpError(400, "Secret already exist", "BadRequest");
      }
      const secret = deps.state.addSecret({
        projectId,
        environment: body.environment,
        secretPath: body.secretPath,
        key,
        value: body.secretValue,
        comment: body.secretComment,
        type: body.type,
      });
      return { secret: serializeSecret(secret, false) };
    },
  }),
];
