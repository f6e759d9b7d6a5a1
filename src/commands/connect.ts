import { ApiClient } from "../api/client.js";
import { resolveUserCredentials, type UserCredentials } from "../auth/credentials.js";
import { SessionStore } from "../auth/session-store.js";
import { sessionsFile } from "../config/paths.js";
import {
  resolveProjectSettings,
  resolveSettings,
  type Settings,
} from "../config/resolve-settings.js";
import type { CommandContext } from "../context.js";
import { parseCustomHeaders } from "../core/custom-headers.js";

export interface Connection {
  settings: Settings;
  client: ApiClient;
  customHeaders: Record<string, string>;
  store: SessionStore;
}

export interface UserConnection extends Connection {
  credentials: UserCredentials;
}

/** What every connection starts from: the extra headers and the stored logins. */
function basics(ctx: CommandContext) {
  return {
    customHeaders: parseCustomHeaders(ctx.env.INFISICAL_CUSTOM_HEADERS),
    store: new SessionStore(sessionsFile(ctx.env), (message) => ctx.logger.warn(message)),
  };
}

/** Where requests go and how (domain, headers, timeout); no credentials yet. */
export async function connect(ctx: CommandContext): Promise<Connection> {
  const { customHeaders, store } = basics(ctx);
  const settings = await resolveSettings(ctx, store);
  return { settings, customHeaders, store, client: clientFor(ctx, settings, customHeaders) };
}

function clientFor(
  ctx: CommandContext,
  settings: Settings,
  customHeaders: Record<string, string>,
): ApiClient {
  return new ApiClient({
    domain: settings.domain,
    timeoutSeconds: ctx.globals.timeout,
    customHeaders,
    logger: ctx.logger,
  });
}

async function withUser(
  ctx: CommandContext,
  base: Omit<Connection, "client">,
  tokenFlag: string | undefined,
): Promise<UserConnection> {
  const credentials = await resolveUserCredentials({
    flagToken: tokenFlag,
    env: ctx.env,
    domain: base.settings.domain,
    store: base.store,
    now: ctx.now(),
    logger: ctx.logger,
  });
  ctx.logger.debug(`credentials from ${credentials.source}`);
  return { ...base, credentials, client: clientFor(ctx, base.settings, base.customHeaders) };
}

/** For commands that act as the logged-in user (init). */
export async function connectAsUser(
  ctx: CommandContext,
  tokenFlag?: string,
): Promise<UserConnection> {
  return withUser(ctx, await connect(ctx), tokenFlag);
}

/** For commands that act as the user on one project (create, list, delete). */
export async function connectToProject(
  ctx: CommandContext,
  projectIdFlag: string | undefined,
  tokenFlag?: string,
): Promise<UserConnection & { projectId: string }> {
  const { customHeaders, store } = basics(ctx);
  const settings = await resolveProjectSettings(ctx, store, projectIdFlag);
  const connection = await withUser(ctx, { settings, customHeaders, store }, tokenFlag);
  return { ...connection, projectId: settings.projectId };
}
