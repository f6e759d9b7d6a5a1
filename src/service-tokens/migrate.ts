/**
 * `service-token migrate`: a machine identity with exactly a service token's reach, made step by
 * step; nothing is left half-made. Any failure after the identity exists deletes it (which
 * revokes everything under it, recordings 268–270); if that fails too, the error says what
 * exists and how to remove it.
 */
import { ApiError } from "../api/errors.js";
import {
  addIdentityPrivilege,
  addIdentityToProject,
  attachUniversalAuth,
  createClientSecret,
  createIdentity,
  deleteIdentity,
  readSecrets,
  universalAuthLogin,
} from "../api/identities.js";
import type { ServiceTokenData } from "../api/schemas.js";
import { folderToRead, type PlannedPrivilege } from "../core/migration.js";
import { CliError } from "../errors.js";
import type { ProjectAccess } from "./issue.js";

export interface MigrationPlan {
  token: ServiceTokenData;
  identityName: string;
  accessTokenTTL: number;
  accessTokenMaxTTL: number;
  clientSecretTTL: number;
  privileges: PlannedPrivilege[];
}

export interface Migrated {
  identityId: string;
  identityName: string;
  clientId: string;
  clientSecret: string;
  /** The folders read with the identity's own access token, one per scope. */
  verified: { environment: string; secretPath: string; secrets: number | null }[];
}

export interface MigrationHooks {
  /** The identity exists from now on (what to say if the process is stopped). */
  created(identityId: string): void;
  /** A step is done (for the narrative). */
  done(step: string): void;
  /** A secret just made, to be masked wherever it could be written from now on. */
  secret(value: string): void;
  sleep(ms: number): Promise<void>;
}

/** How long the server may take to apply new privileges (about 10 s, recording 220). */
const APPLY_WAIT_MS = 30_000;
const APPLY_POLL_MS = 2_000;

/** The identity's read of one folder: its secrets, or null for a folder that does not exist. */
async function readAsIdentity(
  access: ProjectAccess,
  accessToken: string,
  where: { environment: string; secretPath: string },
  hooks: MigrationHooks,
): Promise<number | null> {
  for (let waited = 0; ; waited += APPLY_POLL_MS) {
    try {
      const answer = await readSecrets(access.client, accessToken, {
        projectId: access.projectId,
        ...where,
      });
      return answer.secrets.length;
    } catch (error) {
      // The privilege is in force; the folder the scope names does not exist (yet).
      if (error instanceof ApiError && error.status === 404 && error.kind === "other") return null;
      const notYet = error instanceof ApiError && error.kind === "permission-denied";
      if (!notYet || waited >= APPLY_WAIT_MS) throw error;
      await hooks.sleep(APPLY_POLL_MS);
    }
  }
}

async function cleanUp(access: ProjectAccess, identityId: string, cause: unknown): Promise<never> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  try {
    await deleteIdentity(access.client, access.credentials.token, identityId);
  } catch (cleanupError) {
    throw new CliError(
      `migration failed, and the identity it made could not be deleted: ${reason}`,
      {
        details: [
          `left behind: identity ${identityId} (organization ${access.credentials.organizationId}), with whatever of its Universal Auth, client secret, project membership and privileges was made`,
          `deleting it failed: ${cleanupError instanceof Error ? cleanupError.message : String(cleanupError)}`,
          "the service token was not changed",
        ],
        hint: `remove it with \`infisical identity delete ${identityId}\` (deleting an identity revokes all of it)`,
        cause,
      },
    );
  }
  throw new CliError(`migration failed: ${reason}`, {
    details: [
      "the identity it had made was deleted (with everything under it); the service token was not changed",
      ...(cause instanceof CliError ? cause.details : []),
    ],
    ...(cause instanceof CliError && cause.hint ? { hint: cause.hint } : {}),
    cause,
  });
}

export async function carryOutMigration(
  access: ProjectAccess,
  plan: MigrationPlan,
  hooks: MigrationHooks,
): Promise<Migrated> {
  const { client, credentials, projectId } = access;
  const { identity } = await createIdentity(client, credentials.token, {
    name: plan.identityName,
    organizationId: credentials.organizationId,
    role: "no-access",
  });
  hooks.created(identity.id);
  hooks.done(
    `created identity ${JSON.stringify(identity.name)} (${identity.id}), organization role no-access`,
  );
  try {
    const { identityUniversalAuth } = await attachUniversalAuth(
      client,
      credentials.token,
      identity.id,
      {
        accessTokenTTL: plan.accessTokenTTL,
        accessTokenMaxTTL: plan.accessTokenMaxTTL,
        accessTokenNumUsesLimit: 0,
      },
    );
    hooks.done(`attached Universal Auth (client id ${identityUniversalAuth.clientId})`);
    const { clientSecret } = await createClientSecret(client, credentials.token, identity.id, {
      description: `migrated from service token ${plan.token.id}`,
      numUsesLimit: 0,
      ttl: plan.clientSecretTTL,
    });
    hooks.secret(clientSecret);
    hooks.done("created a client secret");
    await addIdentityToProject(client, credentials.token, projectId, identity.id, "no-access");
    hooks.done(`added it to project ${projectId} with role no-access`);
    for (const privilege of plan.privileges) {
      await addIdentityPrivilege(client, credentials.token, {
        identityId: identity.id,
        projectId,
        slug: privilege.slug,
        permissions: privilege.permissions,
      });
      hooks.done(`added privilege ${privilege.slug}`);
    }
    const { accessToken } = await universalAuthLogin(
      client,
      identityUniversalAuth.clientId,
      clientSecret,
    );
    hooks.secret(accessToken);
    const verified: Migrated["verified"] = [];
    for (const { environment, secretPath } of plan.token.scopes) {
      const folder = folderToRead(secretPath);
      const secrets = await readAsIdentity(
        access,
        accessToken,
        { environment, secretPath: folder },
        hooks,
      );
      verified.push({ environment, secretPath: folder, secrets });
      hooks.done(
        `logged in as the identity and read ${environment}:${folder} (${secrets === null ? "no such folder yet" : `${secrets} secret${secrets === 1 ? "" : "s"}`})`,
      );
    }
    return {
      identityId: identity.id,
      identityName: identity.name,
      clientId: identityUniversalAuth.clientId,
      clientSecret,
      verified,
    };
  } catch (error) {
    return cleanUp(access, identity.id, error);
  }
}
