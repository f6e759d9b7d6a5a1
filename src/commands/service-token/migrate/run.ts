import { deleteServiceToken } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import { parseDuration } from "../../../core/expiry.js";
import { clientSecretTtl, folderToRead, privilegesFor } from "../../../core/migration.js";
import { formatScope } from "../../../core/scope.js";
import { CliError, UsageError } from "../../../errors.js";
import { renderDryRunSteps, type PlannedRequest } from "../../../output/dry-run.js";
import { findToken } from "../../../service-tokens/find.js";
import { projectTokens } from "../../../service-tokens/list.js";
import { carryOutMigration, type MigrationPlan } from "../../../service-tokens/migrate.js";
import { connectToProject } from "../../connect.js";

export interface MigrateFlags {
  name?: string;
  accessTokenTtl?: string;
  accessTokenMaxTtl?: string;
  clientSecretTtl?: string;
  deleteToken?: boolean;
  dryRun?: boolean;
  json?: boolean;
  projectId?: string;
  token?: string;
}

/** A duration flag in seconds ("1h", "3600s"; "never" only where it means no expiry). */
function seconds(raw: string | undefined, flag: string, fallback: number, neverOk = false) {
  if (raw === undefined) return fallback;
  const value = parseDuration(raw, flag);
  if (value === 0 && !neverOk)
    throw new UsageError(`invalid ${flag} "${raw}": give a duration, e.g. 1h`);
  return value;
}

/** What the consumer of the token must now set, and how the official CLI and SDKs log in. */
function consumerLines(plan: MigrationPlan, projectId: string, clientId: string): string[] {
  return [
    "What changes for whatever used the service token:",
    "  - An identity's request is taken as written: it must name the project, the environment",
    "    and the path (a single-scope service token was answered with its scope whatever it",
    "    asked). Outside the scopes a read answers an empty list; a missing folder, 404.",
    `  - The project: INFISICAL_PROJECT_ID=${projectId}`,
    ...plan.token.scopes.map(
      (s) =>
        `  - ${formatScope(s)}: --env ${s.environment} --path ${s.secretPath.replace(/\/\*\*$/, "") || "/"}${s.secretPath.endsWith("/**") ? " --recursive" : ""}`,
    ),
    "  - The official CLI logs in with:",
    `      infisical login --method universal-auth --client-id ${clientId} \\`,
    "        --client-secret <the secret>",
    "  - The SDKs and that CLI also read INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and",
    "    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET (printed below).",
  ];
}

export async function runMigrate(
  id: string,
  flags: MigrateFlags,
  ctx: CommandContext,
): Promise<void> {
  const accessTokenTTL = seconds(flags.accessTokenTtl, "--access-token-ttl", 3600);
  const accessTokenMaxTTL = seconds(
    flags.accessTokenMaxTtl,
    "--access-token-max-ttl",
    Math.max(accessTokenTTL, 2_592_000),
  );
  if (accessTokenTTL > accessTokenMaxTTL) {
    throw new UsageError("--access-token-ttl cannot be longer than --access-token-max-ttl");
  }
  const secretTtlOverride =
    flags.clientSecretTtl === undefined
      ? undefined
      : seconds(flags.clientSecretTtl, "--client-secret-ttl", 0, true);
  const access = await connectToProject(ctx, flags.projectId, flags.token);
  const token = findToken(await projectTokens(access), id, access.projectId);
  const plan: MigrationPlan = {
    token,
    identityName: flags.name?.trim() || token.name,
    accessTokenTTL,
    accessTokenMaxTTL,
    clientSecretTTL: clientSecretTtl(token, ctx.now(), secretTtlOverride),
    privileges: privilegesFor(token),
  };
  if (plan.privileges.length === 0) {
    throw new CliError(
      `the service token ${token.id} has no read or write permission to carry over`,
    );
  }

  if (flags.dryRun) {
    renderDryRunSteps(ctx, plannedMigration(access, plan, flags.deleteToken === true), {
      credentialSource: access.credentials.source,
      json: flags.json === true,
    });
    return;
  }

  const migrated = await carryOutMigration(access, plan, {
    created: (identityId) =>
      ctx.noteInterrupt?.(
        `an identity was being made (${identityId}) and may be left half-made: remove it with \`infisical identity delete ${identityId}\``,
      ),
    done: (step) => {
      if (!flags.json) ctx.logger.success(step);
    },
    secret: (value) => ctx.registerSecret(value),
    sleep: ctx.sleep,
  });
  ctx.noteInterrupt?.(undefined);

  let tokenDeleted = false;
  let deleteFailure: string | undefined;
  if (flags.deleteToken) {
    try {
      await deleteServiceToken(access.client, access.credentials.token, token.id);
      tokenDeleted = true;
      if (!flags.json) ctx.logger.success(`deleted the service token ${token.id}`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      deleteFailure = error.message;
    }
  }

  if (flags.json) {
    const json = {
      identity: { id: migrated.identityId, name: migrated.identityName },
      projectId: access.projectId,
      clientId: migrated.clientId,
      clientSecret: migrated.clientSecret,
      clientSecretExpiresAt: plan.clientSecretTTL
        ? new Date(ctx.now().getTime() + plan.clientSecretTTL * 1000).toISOString()
        : null,
      accessTokenTTL: plan.accessTokenTTL,
      accessTokenMaxTTL: plan.accessTokenMaxTTL,
      privileges: plan.privileges,
      verified: migrated.verified,
      serviceToken: { id: token.id, deleted: tokenDeleted },
      consumer: {
        projectId: access.projectId,
        scopes: token.scopes.map(({ environment, secretPath }) => ({ environment, secretPath })),
      },
    };
    // The client secret is what the user asked for: written unredacted, once.
    ctx.writeSecret(
      `${JSON.stringify(json, null, 2)}\n`,
      `identity ${migrated.identityId} was made, but its client secret could not be written out: create another with the API, or delete it with \`infisical identity delete ${migrated.identityId}\``,
    );
  } else {
    if (!ctx.globals.silent) {
      ctx.stderr.write(`${consumerLines(plan, access.projectId, migrated.clientId).join("\n")}\n`);
      ctx.logger.notice(
        "The client secret is shown only once, below: store it somewhere safe now.",
      );
    }
    ctx.writeSecret(
      `INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=${migrated.clientId}\nINFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=${migrated.clientSecret}\n`,
      `identity ${migrated.identityId} was made, but its client secret could not be written out: delete it with \`infisical identity delete ${migrated.identityId}\``,
    );
  }
  if (deleteFailure !== undefined) {
    throw new CliError(
      `the identity is made and proven, but the service token could not be deleted: ${deleteFailure}`,
      {
        hint: `delete it yourself: infisical service-token delete ${token.id} --yes`,
      },
    );
  }
}

/** Every request of the migration, with what the server will only tell later as placeholders. */
function plannedMigration(
  access: Awaited<ReturnType<typeof connectToProject>>,
  plan: MigrationPlan,
  deleteToken: boolean,
): { what: string; request: PlannedRequest }[] {
  const api = access.settings.domain.apiBase;
  const headers = {
    ...access.customHeaders,
    "User-Agent": "cli",
    Accept: "application/json",
    "Content-Type": "application/json",
  };
  const post = (what: string, path: string, body: unknown) => ({
    what,
    request: { method: "POST", url: `${api}${path}`, headers, body },
  });
  const identity = "<identityId>";
  return [
    post("create the identity", "/v1/identities", {
      name: plan.identityName,
      organizationId: access.credentials.organizationId,
      role: "no-access",
    }),
    post("attach Universal Auth", `/v1/auth/universal-auth/identities/${identity}`, {
      accessTokenTTL: plan.accessTokenTTL,
      accessTokenMaxTTL: plan.accessTokenMaxTTL,
      accessTokenNumUsesLimit: 0,
    }),
    post(
      "create a client secret",
      `/v1/auth/universal-auth/identities/${identity}/client-secrets`,
      {
        description: `migrated from service token ${plan.token.id}`,
        numUsesLimit: 0,
        ttl: plan.clientSecretTTL,
      },
    ),
    post(
      "add the identity to the project",
      `/v1/projects/${access.projectId}/memberships/identities/${identity}`,
      { roles: [{ role: "no-access", isTemporary: false }] },
    ),
    ...plan.privileges.map((p) =>
      post(`add privilege ${p.slug}`, "/v2/identity-project-additional-privilege", {
        identityId: identity,
        projectId: access.projectId,
        slug: p.slug,
        permissions: p.permissions,
        type: { isTemporary: false },
      }),
    ),
    {
      what: "log in as the identity",
      request: {
        method: "POST",
        url: `${api}/v1/auth/universal-auth/login`,
        // No user credential: the client id and secret are the credential.
        headers: { ...headers, Authorization: "" },
        body: { clientId: "<clientId>", clientSecret: "<clientSecret>" },
      },
    },
    ...plan.token.scopes.map((s) => ({
      what: `read ${formatScope(s)} as the identity`,
      request: {
        method: "GET",
        url: `${api}/v3/secrets/raw?${new URLSearchParams({ workspaceId: access.projectId, environment: s.environment, secretPath: folderToRead(s.secretPath) })}`,
        headers: { ...headers, Authorization: "Bearer <the identity's access token>" },
      },
    })),
    ...(deleteToken
      ? [
          {
            what: `delete the service token ${plan.token.id}`,
            request: { method: "DELETE", url: `${api}/v2/service-token/${plan.token.id}`, headers },
          },
        ]
      : []),
  ];
}
