import {
  createSecretRequestSchema,
  createSecretResponseSchema,
  readSecretsResponseSchema,
} from "../../api/dev-server-schemas.js";
import { removeTrailingSlash } from "../../api/schemas.js";
import type { Identity } from "../auth.js";
import { globMatches, isGlob } from "../../core/path-glob.js";
import { folderNotFound, HttpError } from "../http-error.js";
import { anyRuleAllows, ruleAllows, type PermissionRule } from "../identities.js";
import { route, type Route, type ServerDeps } from "../route.js";
import { membershipOrRefuse } from "./identities.js";
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

/** A token's rules for an action, as the real server lists them in a refusal's `details`. */
function rulesFor(token: ServiceTokenRow, action: "create") {
  if (!token.permissions.includes("write")) return [];
  return token.scopes.map(({ secretPath, environment }) => ({
    action,
    inverted: false,
    subject: "secrets",
    conditions: { secretPath: { $glob: secretPath }, environment },
  }));
}

const denied = (action: string, details: unknown[] = []) =>
  new HttpError(403, `You are not allowed to ${action} on secrets`, "PermissionDenied", details);

function inScope(token: ServiceTokenRow, environment: string, secretPath: string): boolean {
  return token.scopes.some(
    (s) => s.environment === environment && globMatches(s.secretPath, secretPath),
  );
}

/** A token with one scope and no glob: the real server answers every read with that folder. */
function singlePlainScope(token: ServiceTokenRow) {
  const only = token.scopes.length === 1 ? token.scopes[0] : undefined;
  return only && !isGlob(only.secretPath) ? only : undefined;
}

/** The folder asked for (and with `recursive`, the folders below it), which must exist. */
function foldersToRead(
  state: DevState,
  projectId: string,
  environment: string,
  secretPath: string,
  recursive: boolean,
): string[] {
  if (!state.hasFolder(projectId, environment, "/")) throw folderNotFound("/", environment);
  if (!state.hasFolder(projectId, environment, secretPath))
    throw folderNotFound(secretPath, environment);
  if (!recursive) return [secretPath];
  const below = secretPath === "/" ? "/" : `${secretPath}/`;
  return state
    .folderPaths(projectId, environment)
    .filter((path) => path === secretPath || path.startsWith(below));
}

/**
 * An identity's read is taken as written (IDENTITIES.md): the project is required, the
 * identity must be a member, a missing folder is 404, and the folders its rules do not reach
 * are left out (200 with nothing) unless it may describe no secret at all (403).
 */
function readAsIdentity<T>(
  deps: ServerDeps,
  identityId: string,
  projectId: string,
  environment: string,
  secretPath: string,
  recursive: boolean,
  answer: (projectId: string, environment: string, folders: string[]) => T,
): T {
  if (!projectId)
    throw new HttpError(400, "You must provide projectSlug or workspaceId", "BadRequest");
  const membership = membershipOrRefuse(deps, identityId, projectId);
  const folders = foldersToRead(deps.state, projectId, environment, secretPath, recursive);
  const rules = deps.state.identities.rulesOf(membership);
  if (!anyRuleAllows(rules, "secrets", "describeSecret")) throw denied("describeSecret");
  return answer(
    projectId,
    environment,
    folders.filter((folder) =>
      rules.some((rule) => ruleAllows(rule, "secrets", "describeSecret", environment, folder)),
    ),
  );
}

/** An identity's rules that would allow `action` on secrets somewhere, as a refusal lists them. */
function identityRulesFor(rules: PermissionRule[], action: string) {
  return rules
    .filter((r) => !r.inverted && r.subject === "secrets" && r.action.includes(action))
    .map((r) => ({
      action: r.action,
      inverted: false,
      subject: [r.subject],
      conditions: r.conditions,
    }));
}

function readSecrets(deps: ServerDeps, identity: Identity, query: URLSearchParams) {
  const { state } = deps;
  const environment = query.get("environment")?.trim() ?? "";
  const secretPath = removeTrailingSlash(query.get("secretPath")?.trim() || "/");
  const recursive = query.get("recursive") === "true";
  const workspaceId = query.get("workspaceId")?.trim() ?? "";
  const answer = (projectId: string, env: string, folders: string[]) => ({
    secrets: folders
      .flatMap((folder) => state.findSecrets(projectId, env, folder))
      .map((s) => serializeSecret(s, true)),
    imports: [],
  });
  if (identity.mode === "identityAccessToken") {
    return readAsIdentity(
      deps,
      identity.identityId,
      workspaceId,
      environment,
      secretPath,
      recursive,
      answer,
    );
  }
  if (identity.mode !== "serviceToken") {
    const project = projectFor(state, identity, workspaceId);
    return answer(
      project.id,
      environment,
      foldersToRead(state, project.id, environment, secretPath, recursive),
    );
  }
  const { token } = identity;
  if (!token.permissions.includes("read")) throw denied("describeSecret");
  const only = singlePlainScope(token);
  if (only) {
    // Whatever was asked (project, environment, path, recursive): the token's one folder.
    const folders = foldersToRead(state, token.projectId, only.environment, only.secretPath, false);
    return answer(token.projectId, only.environment, folders);
  }
  if (!workspaceId || !environment)
    throw new HttpError(400, "Missing project id or environment", "BadRequest");
  // Outside the token's scopes a read is not refused: it finds nothing.
  const folders = foldersToRead(state, token.projectId, environment, secretPath, recursive).filter(
    (folder) => inScope(token, environment, folder),
  );
  return answer(token.projectId, environment, folders);
}

export const secretRoutes: Route[] = [
  route({
    method: "GET",
    path: "/api/v3/secrets/raw",
    auth: { modes: ["jwt", "serviceToken", "identityAccessToken"] },
    response: readSecretsResponseSchema,
    handle: ({ identity, query, deps }) => readSecrets(deps, identity, query),
  }),
  route({
    // v4 names the project projectId; otherwise the same read.
    method: "GET",
    path: "/api/v4/secrets",
    auth: { modes: ["jwt", "serviceToken", "identityAccessToken"] },
    response: readSecretsResponseSchema,
    handle: ({ identity, query, deps }) => {
      const v3 = new URLSearchParams(query);
      v3.set("workspaceId", query.get("projectId") ?? "");
      v3.delete("projectId");
      return readSecrets(deps, identity, v3);
    },
  }),
  route({
    method: "POST",
    path: "/api/v3/secrets/raw/:secretName",
    auth: { modes: ["jwt", "serviceToken", "identityAccessToken"] },
    body: createSecretRequestSchema,
    response: createSecretResponseSchema,
    handle: ({ params, body, identity: who, deps }) => {
      let projectId: string;
      if (who.mode === "identityAccessToken") {
        projectId = body.workspaceId;
        const membership = membershipOrRefuse(deps, who.identityId, projectId);
        const rules = deps.state.identities.rulesOf(membership);
        if (
          !rules.some((r) => ruleAllows(r, "secrets", "create", body.environment, body.secretPath))
        )
          throw denied("create", identityRulesFor(rules, "create"));
      } else if (who.mode === "serviceToken") {
        if (
          !who.token.permissions.includes("write") ||
          !inScope(who.token, body.environment, body.secretPath)
        ) {
          throw denied("create", rulesFor(who.token, "create"));
        }
        projectId = who.token.projectId;
      } else {
        projectId = projectFor(deps.state, who, body.workspaceId).id;
      }
      if (!deps.state.hasFolder(projectId, body.environment, body.secretPath))
        throw folderNotFound(body.secretPath, body.environment);
      const key = params.secretName;
      if (
        deps.state
          .findSecrets(projectId, body.environment, body.secretPath)
          .some((s) => s.key === key)
      ) {
        throw new HttpError(400, "Secret already exists", "BadRequest");
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
