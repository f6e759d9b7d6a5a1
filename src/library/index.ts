/**
 * infisical-ts as a library: the functions the CLI's commands run, with plain typed options and
 * typed results (the fields `--json` prints). Nothing here prints, prompts or exits; failures are
 * InfisicalError. Importing this loads neither commander, the prompts nor the dev server.
 */
import { loginWithPassword } from "../api/auth.js";
import { failureReason } from "../api/errors.js";
import type { MfaMethod, Organization } from "../api/auth-schemas.js";
import type { Scope } from "../api/schemas.js";
import { deleteServiceToken as deleteToken, describeServiceToken } from "../api/service-tokens.js";
import { finishLogin } from "../auth/finish-login.js";
import type { StorageChoice } from "../auth/session-storage.js";
import { parseAccessLevels, type AccessLevel } from "../core/access-level.js";
import type { CreateInput } from "../core/create-request.js";
import { DEFAULT_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS, parseDuration } from "../core/expiry.js";
import { DEFAULT_TOKEN_NAME } from "../core/flag-values.js";
import { checkUserToken, classifyToken } from "../core/jwt-claims.js";
import { normaliseSecretPath, parseScope } from "../core/scope.js";
import { parseTokenFilters, selectTokens, type TokenFilterFlags } from "../core/token-filters.js";
import { CliError, UsageError } from "../errors.js";
import { createdTokenJson } from "../output/created-token.js";
import { tokenDetailsJson } from "../output/token-details.js";
import { tokenJson } from "../output/token-json.js";
import { issueServiceToken } from "../service-tokens/issue.js";
import { projectTokens } from "../service-tokens/list.js";
import { carryOutRotation, planRotation } from "../service-tokens/rotate.js";
import { carryOutMigration } from "../service-tokens/migrate.js";
import { findToken } from "../service-tokens/find.js";
import { clientSecretTtl, privilegesFor } from "../core/migration.js";
import { sleep } from "../runtime.js";
import {
  clientOf,
  domainOf,
  SILENT,
  sessionStoreOf,
  userConnection,
  type ConnectionOptions,
} from "./connection.js";
import { translatingErrors } from "./errors.js";

export { InfisicalError, type InfisicalErrorKind } from "./errors.js";
export type { ConnectionOptions } from "./connection.js";
export type { AccessLevel, MfaMethod, Scope, StorageChoice };

/** A scope as `"dev:/backend/**"` or `{ environment: "dev", secretPath: "/backend/**" }`. */
export type ScopeInput = string | { environment: string; secretPath: string };
/** Seconds (0: never expires) or a duration: "90s", "15m", "12h", "7d", "2w", "1y", "never". */
export type Expiry = number | string;

/** A token as `service-token list --json` prints it. */
export type ServiceToken = ReturnType<typeof tokenJson>;
/** A new token, with the token itself (shown only once), as `create --json` prints it. */
export type CreatedServiceToken = ReturnType<typeof createdTokenJson>;
/** What the server says of a token, to the token itself, as `view --json` prints it. */
export type ServiceTokenDetails = ReturnType<typeof tokenDetailsJson>;

export interface ProjectOptions extends ConnectionOptions {
  projectId: string;
}

export interface CreateServiceTokenOptions extends ProjectOptions {
  scopes: readonly ScopeInput[];
  /** "read", "write" or both. */
  permissions: AccessLevel | readonly AccessLevel[];
  /** Default: "Service token generated via CLI", as the CLI's. */
  name?: string;
  /** Default: one day. */
  expiresIn?: Expiry;
}

function toScope(scope: ScopeInput): Scope {
  if (typeof scope === "string") return parseScope(scope);
  return parseScope(`${scope.environment}:${normaliseSecretPath(scope.secretPath)}`);
}

function toSeconds(expiry: Expiry | undefined): number {
  if (expiry === undefined) return DEFAULT_EXPIRY_SECONDS;
  if (typeof expiry === "string") return parseDuration(expiry, "expiresIn");
  if (!Number.isInteger(expiry) || expiry < 0 || expiry > MAX_EXPIRY_SECONDS) {
    throw new UsageError(
      `invalid expiresIn ${expiry}: whole seconds from 0 (never expires) to ${MAX_EXPIRY_SECONDS}`,
    );
  }
  return expiry;
}

function createInput(options: CreateServiceTokenOptions): CreateInput {
  const scopes = options.scopes.map(toScope);
  if (scopes.length === 0) throw new UsageError("no scope given: scopes needs at least one");
  const permissions = parseAccessLevels(
    typeof options.permissions === "string" ? [options.permissions] : [...options.permissions],
  );
  const name = (options.name ?? DEFAULT_TOKEN_NAME).trim();
  if (name === "") throw new UsageError("name is blank");
  return { name, scopes, permissions, expiresIn: toSeconds(options.expiresIn) };
}

/** Creates a scoped, expiring service token (`infisical service-token create`). */
export function createServiceToken(
  options: CreateServiceTokenOptions,
): Promise<CreatedServiceToken> {
  return translatingErrors(async () => {
    const input = createInput(options);
    const access = { ...(await userConnection(options)), projectId: options.projectId };
    return createdTokenJson(await issueServiceToken(access, input));
  });
}

export interface ListServiceTokensOptions extends ProjectOptions {
  /** The CLI's list filters: all given must hold. Durations as "7d". */
  filter?: {
    expired?: boolean;
    expiresWithin?: string;
    neverExpires?: boolean;
    unusedFor?: string;
    /** A glob: * and ? as in a shell. */
    name?: string;
    /** Tokens whose scopes reach this env:path. */
    scope?: string;
  };
}

/** The project's tokens, newest first (`infisical service-token list`). */
export function listServiceTokens(options: ListServiceTokensOptions): Promise<ServiceToken[]> {
  return translatingErrors(async () => {
    const filters = parseTokenFilters((options.filter ?? {}) satisfies TokenFilterFlags);
    const access = { ...(await userConnection(options)), projectId: options.projectId };
    return selectTokens(await projectTokens(access), filters, new Date())
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map(tokenJson);
  });
}

/** What a service token can do, asked with the token itself (`infisical service-token view`). */
export function viewServiceToken(
  options: Omit<ConnectionOptions, "accessToken" | "configDir"> & { token: string },
): Promise<ServiceTokenDetails> {
  return translatingErrors(async () => {
    const token = options.token.trim();
    if (classifyToken(token) !== "service-token" || token.split(".").length < 3) {
      throw new UsageError("that is not a service token: it looks like st.<id>.<secret>[.<key>]");
    }
    return tokenDetailsJson(await describeServiceToken(clientOf(options), token));
  });
}

/** Deletes (revokes) a token by its whole id; `name` is null when it was already gone. */
export function deleteServiceToken(
  options: ConnectionOptions & { id: string },
): Promise<{ id: string; name: string | null }> {
  return translatingErrors(async () => {
    const { client, credentials } = await userConnection(options);
    const deleted = await deleteToken(client, credentials.token, options.id);
    return { id: options.id, name: deleted?.name ?? null };
  });
}

export interface RotateServiceTokenOptions extends ProjectOptions {
  /** The token to replace: its id, or the unique beginning `list` shows. */
  id: string;
  /** Default: the old token's validity length. */
  expiresIn?: Expiry;
  /** Keep the old token (for a hand-over period). */
  keepOld?: boolean;
}

export interface RotatedServiceToken extends CreatedServiceToken {
  replaces: { id: string; deleted: boolean; error?: string };
}

/**
 * A new token with the old one's name, scopes, permissions and validity length, then the old
 * one deleted (`infisical service-token rotate`). A failed delete does not lose the new token:
 * it is returned with `replaces.deleted` false and the reason in `replaces.error`.
 */
export function rotateServiceToken(
  options: RotateServiceTokenOptions,
): Promise<RotatedServiceToken> {
  return translatingErrors(async () => {
    const access = { ...(await userConnection(options)), projectId: options.projectId };
    const expiry =
      options.expiresIn === undefined
        ? {}
        : { expirySeconds: String(toSeconds(options.expiresIn)) };
    const rotation = await planRotation(access, options.id, expiry);
    const rotated = await carryOutRotation(access, rotation, { keepOld: options.keepOld });
    return {
      ...createdTokenJson(rotated.created),
      replaces: {
        id: rotation.old.id,
        deleted: rotated.oldDeleted,
        ...(rotated.deleteError ? { error: failureReason(rotated.deleteError) } : {}),
      },
    };
  });
}

export interface MigrateServiceTokenOptions extends ProjectOptions {
  /** The token to turn into a machine identity: its id, or the unique beginning `list` shows. */
  id: string;
  /** The identity's name (default: the token's). */
  name?: string;
  /** Lifetime of the identity's access tokens (default: one hour). */
  accessTokenTtl?: Expiry;
  /** Longest an access token can be renewed to (default: 30 days). */
  accessTokenMaxTtl?: Expiry;
  /** The client secret's lifetime (default: what the token had left; 0/"never": no expiry). */
  clientSecretTtl?: Expiry;
  /** Delete the service token once the identity is proven to read its scopes. */
  deleteToken?: boolean;
}

export interface MigratedServiceToken {
  identity: { id: string; name: string };
  projectId: string;
  clientId: string;
  /** Shown only here: keep it secret. */
  clientSecret: string;
  privileges: { slug: string; permissions: unknown[] }[];
  /** The folders read as the identity, one per scope (secrets: null for a missing folder). */
  verified: { environment: string; secretPath: string; secrets: number | null }[];
  serviceToken: { id: string; deleted: boolean; error?: string };
}

/**
 * A machine identity with exactly the token's reach (`infisical service-token migrate`). Any
 * failure after the identity exists deletes it; the token is deleted only with deleteToken, and
 * only after the identity read one folder of each scope.
 */
export function migrateServiceToken(
  options: MigrateServiceTokenOptions,
): Promise<MigratedServiceToken> {
  return translatingErrors(async () => {
    const access = { ...(await userConnection(options)), projectId: options.projectId };
    const token = findToken(await projectTokens(access), options.id, options.projectId);
    const accessTokenTTL =
      options.accessTokenTtl === undefined ? 3600 : toSeconds(options.accessTokenTtl);
    const plan = {
      token,
      identityName: options.name?.trim() || token.name,
      accessTokenTTL,
      accessTokenMaxTTL:
        options.accessTokenMaxTtl === undefined
          ? Math.max(accessTokenTTL, 2_592_000)
          : toSeconds(options.accessTokenMaxTtl),
      clientSecretTTL: clientSecretTtl(
        token,
        new Date(),
        options.clientSecretTtl === undefined ? undefined : toSeconds(options.clientSecretTtl),
      ),
      privileges: privilegesFor(token),
    };
    const migrated = await carryOutMigration(access, plan, {
      created: () => undefined,
      done: () => undefined,
      secret: () => undefined,
      sleep,
    });
    let serviceToken: MigratedServiceToken["serviceToken"] = { id: token.id, deleted: false };
    if (options.deleteToken) {
      try {
        await deleteToken(access.client, access.credentials.token, token.id);
        serviceToken = { id: token.id, deleted: true };
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        serviceToken = { id: token.id, deleted: false, error: failureReason(error) };
      }
    }
    return {
      identity: { id: migrated.identityId, name: migrated.identityName },
      projectId: options.projectId,
      clientId: migrated.clientId,
      clientSecret: migrated.clientSecret,
      privileges: plan.privileges,
      verified: migrated.verified,
      serviceToken,
    };
  });
}

export interface LoginOptions extends Omit<ConnectionOptions, "accessToken"> {
  email: string;
  password: string;
  /** Which organization, by id or slug; needed when the account has several (or choose it). */
  organizationId?: string;
  /** Called when the account has several organizations and none was named. */
  chooseOrganization?: (organizations: Organization[]) => Promise<string> | string;
  /** The multi-factor code, or a function asked for it (the method says where to look). */
  mfaCode?: string | ((method: MfaMethod) => Promise<string> | string);
  /** Keep the login where the CLI keeps it, for later calls and the CLI (default false). */
  store?: boolean;
  /** With store: the OS keyring when one answers (auto, the default), only there, or the file. */
  storage?: StorageChoice;
}

export interface LoginResult {
  /** The user access token: a credential, keep it secret. */
  accessToken: string;
  domain: string;
  email: string;
  organizationId: string;
  organizationName: string;
  expiresAt: string;
  /** With store: where the login was kept. */
  storedIn?: "keyring" | "file";
}

/** Logs in with e-mail and password, choosing the organization and passing MFA as told. */
export function login(options: LoginOptions): Promise<LoginResult> {
  return translatingErrors(async () => {
    const domain = domainOf(options);
    const client = clientOf(options, domain);
    const { accessToken } = await loginWithPassword(client, options.email, options.password);
    const loggedIn = await finishLogin({
      client,
      token: accessToken,
      organizationId: options.organizationId,
      siteUrl: domain.siteUrl,
      logger: SILENT,
      interaction: {
        mfaAttempts: 1,
        mfaCode: async (_attempt, method) => {
          const given = options.mfaCode;
          if (given === undefined) {
            throw new UsageError("this account needs a multi-factor authentication code", {
              hint: `pass mfaCode (a string, or a function that gets it; the code comes by ${method === "email" ? "e-mail" : "the authenticator app"})`,
            });
          }
          return typeof given === "string" ? given : await given(method);
        },
        chooseOrganization: async (organizations) => {
          if (!options.chooseOrganization) {
            throw new UsageError("the account belongs to several organizations; choose one", {
              details: organizations.map((org) => `${org.id}  ${org.name}`),
              hint: "pass organizationId, or chooseOrganization",
            });
          }
          const chosen = await options.chooseOrganization(organizations);
          const organization = organizations.find(
            (org) => org.id === chosen || org.slug === chosen,
          );
          if (!organization)
            throw new UsageError(`organization ${JSON.stringify(chosen)} is not one of yours`);
          return organization;
        },
      },
    });
    const now = new Date();
    const facts = checkUserToken(loggedIn.token, "the new login", now);
    const result: LoginResult = {
      accessToken: loggedIn.token,
      domain: domain.siteUrl,
      email: options.email,
      organizationId: facts.organizationId,
      organizationName: loggedIn.organization.name,
      expiresAt: facts.expiresAt.toISOString(),
    };
    if (options.store) {
      const stored = await sessionStoreOf(options).put(
        {
          domain: result.domain,
          email: result.email,
          organizationId: result.organizationId,
          organizationName: result.organizationName,
          token: result.accessToken,
          expiresAt: result.expiresAt,
          createdAt: now.toISOString(),
        },
        options.storage ?? "auto",
      );
      result.storedIn = stored.where;
    }
    return result;
  });
}
