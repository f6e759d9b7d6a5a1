import { ApiClient } from "../api/client.js";
import { resolveUserCredentials, type UserCredentials } from "../auth/credentials.js";
import type { SessionStore } from "../auth/session-store.js";
import {
  resolveProjectSettings,
  resolveSettings,
  type Settings,
} from "../config/resolve-settings.js";
import type { Domain } from "../config/domain.js";
import type { CommandContext } from "../context.js";
import { parseCustomHeaders } from "../core/custom-headers.js";
import { CliError } from "../errors.js";
import { waitingIndicator } from "../output/waiting.js";
import { openSessionStore } from "./open-session-store.js";
import { readStdin } from "./read-stdin.js";

export interface Connection<S extends Settings = Settings> {
  settings: S;
  client: ApiClient;
  customHeaders: Record<string, string>;
  store: SessionStore;
}

export type UserConnection<S extends Settings = Settings> = Connection<S> & {
  credentials: UserCredentials;
};

/** The client for one domain, with the run's timeout, deadline, logger and feedback. */
export function clientFor(
  ctx: CommandContext,
  domain: Domain,
  customHeaders = parseCustomHeaders(ctx.env.INFISICAL_CUSTOM_HEADERS),
  /** Several clients at once (status) would draw their waiting indicators over each other. */
  { feedback = true } = {},
): ApiClient {
  return new ApiClient({
    domain,
    customHeaders,
    timeoutSeconds: ctx.globals.timeout,
    deadlineSeconds: ctx.globals.deadline,
    logger: ctx.logger,
    sleep: ctx.sleep,
    noteInterrupt: (note) => ctx.noteInterrupt?.(note),
    // Feedback while waiting, for a person at a terminal who did not ask for silence.
    onWaiting:
      feedback && ctx.stderr.isTTY && !ctx.globals.silent
        ? waitingIndicator(ctx.stderr)
        : undefined,
  });
}

/** Headers, stored logins, settings (resolved by `resolve`), and the client they make. */
async function connectUsing<S extends Settings>(
  ctx: CommandContext,
  resolve: (store: SessionStore) => Promise<S>,
): Promise<Connection<S>> {
  const customHeaders = parseCustomHeaders(ctx.env.INFISICAL_CUSTOM_HEADERS);
  const store = openSessionStore(ctx);
  const settings = await resolve(store);
  const client = clientFor(ctx, settings.domain, customHeaders);
  return { settings, client, customHeaders, store };
}

/**
 * A repository's .infisical.json may name a domain; the user did not. A credential that is not
 * already that domain's own (a stored login for it) is sent there only when the user named the
 * domain too (--domain, INFISICAL_DOMAIN, INFISICAL_API_URL), so a checked-out repository cannot
 * collect INFISICAL_TOKEN, --token, a typed password or a service token.
 */
export async function checkCredentialMayGo(
  connection: Pick<Connection, "settings" | "store">,
  credential: string,
): Promise<void> {
  const { settings, store } = connection;
  if (settings.domainSource !== ".infisical.json") return;
  const { siteUrl } = settings.domain;
  if (await store.has(siteUrl)) return;
  const file = settings.projectFile?.filepath ?? ".infisical.json";
  throw new CliError(
    `${file} sends requests to ${siteUrl}, which you have not logged in to: ${credential} is not sent there`,
    {
      details: ["a domain named by a file in the working tree gets only its own stored login"],
      hint: `if you trust ${siteUrl}, name it yourself: --domain ${siteUrl} (or INFISICAL_DOMAIN), or log in to it with \`infisical login --domain ${siteUrl}\``,
    },
  );
}

async function withUser<S extends Settings>(
  ctx: CommandContext,
  connection: Connection<S>,
  tokenFlag: string | undefined,
): Promise<UserConnection<S>> {
  const credentials = await resolveUserCredentials({
    flagToken: tokenFlag,
    readStdin: () => readStdin(ctx.stdin),
    env: ctx.env,
    domain: connection.settings.domain,
    store: connection.store,
    now: ctx.now(),
    logger: ctx.logger,
  });
  ctx.logger.debug(`credentials from ${credentials.source}`);
  await checkCredentialMayGo(connection, `the token from ${credentials.source}`);
  return { ...connection, credentials };
}

/** Where requests go and how (domain, headers, timeout); no credentials yet. */
export function connect(ctx: CommandContext): Promise<Connection> {
  return connectUsing(ctx, (store) => resolveSettings(ctx, store));
}

/** For commands that act as the logged-in user (init, delete). */
export async function connectAsUser(
  ctx: CommandContext,
  tokenFlag?: string,
): Promise<UserConnection> {
  return withUser(ctx, await connect(ctx), tokenFlag);
}

/** For commands that act as the user on one project (create, list). */
export async function connectToProject(
  ctx: CommandContext,
  projectIdFlag: string | undefined,
  tokenFlag?: string,
) {
  const connection = await connectUsing(ctx, (store) =>
    resolveProjectSettings(ctx, store, projectIdFlag),
  );
  const user = await withUser(ctx, connection, tokenFlag);
  return { ...user, projectId: connection.settings.projectId };
}
