import {
  getCurrentUser,
  listOrganizations,
  loginWithPassword,
  verifyBrowserLogin,
} from "../../api/auth.js";
import type { ApiClient } from "../../api/client.js";
import type { Organization } from "../../api/auth-schemas.js";
import { waitForBrowserLogin } from "../../auth/browser-login.js";
import {
  answerChallenge,
  finishLogin,
  type LoggedIn,
  type MfaChallenge,
} from "../../auth/finish-login.js";
import { PendingMfaStore, type PendingMfa } from "../../auth/pending-mfa.js";
import { storageChoice } from "../../auth/session-storage.js";
import { configDir } from "../../config/paths.js";
import type { Session } from "../../auth/session-store.js";
import type { CommandContext } from "../../context.js";
import { checkUserToken, decodeJwtPayload } from "../../core/jwt-claims.js";
import { AuthError, UsageError } from "../../errors.js";
import { formatMoment } from "../../output/time.js";
import { renderSession } from "../../output/session.js";
import { checkCredentialMayGo, connect } from "../connect.js";
import {
  interactionFor,
  resolveEmail,
  resolvePassword,
  wantedOrganization,
  type LoginAnswerFlags,
} from "./answers.js";

export interface LoginFlags extends LoginAnswerFlags {
  browser?: boolean;
  storage?: string;
  plain?: boolean;
  json?: boolean;
  /** The Go CLI's flags: answered with what this CLI does instead. */
  method?: string;
  interactive?: boolean;
}

type LoginResult = LoggedIn & { email: string };

function checkFlagCombinations(flags: LoginFlags): void {
  if (flags.method !== undefined) {
    throw new UsageError(
      `--method ${flags.method} is the Go CLI's: this CLI logs in users, with e-mail and password or the browser`,
      {
        hint: "run `infisical login` (browser) or `infisical login --email <address>`; machine identities are not supported yet",
      },
    );
  }
  if (flags.interactive) {
    throw new UsageError(
      "--interactive is the Go CLI's: this CLI asks what it needs in a terminal",
      {
        hint: "run `infisical login --email <address>` to be asked for the password instead of using the browser",
      },
    );
  }
  if (
    flags.browser &&
    (flags.email !== undefined || flags.password !== undefined || flags.passwordStdin)
  ) {
    throw new UsageError(
      "--browser cannot be combined with --email, --password or --password-stdin",
    );
  }
  if (flags.password !== undefined && flags.passwordStdin) {
    throw new UsageError("--password and --password-stdin cannot be used together");
  }
}

/** The browser by default in a terminal, unless an e-mail or a password is on its way. */
function wantsBrowser(flags: LoginFlags, ctx: CommandContext): boolean {
  const hasEmail = Boolean(flags.email?.trim() || ctx.env.INFISICAL_EMAIL?.trim());
  const hasPassword =
    flags.passwordStdin === true ||
    flags.password !== undefined ||
    Boolean(ctx.env.INFISICAL_PASSWORD);
  return flags.browser === true || (!hasEmail && !hasPassword && ctx.canPrompt);
}

/** The organization named in the browser's token, when the flags did not ask for another. */
async function organizationOfBrowserLogin(
  client: ApiClient,
  token: string,
  flags: LoginFlags,
): Promise<Organization | undefined> {
  const organizationId = decodeJwtPayload(token)?.organizationId;
  if (typeof organizationId !== "string" || !organizationId || flags.organizationId !== undefined)
    return undefined;
  const organization = (await listOrganizations(client, token)).find(
    (org) => org.id === organizationId,
  );
  return organization ?? { id: organizationId, name: organizationId, slug: "" };
}

async function loginWithBrowser(
  ctx: CommandContext,
  client: ApiClient,
  siteUrl: string,
  flags: LoginFlags,
): Promise<LoginResult> {
  const received = await waitForBrowserLogin({
    siteUrl,
    logger: ctx.logger,
    stderr: ctx.stderr,
    stdin: ctx.stdin,
    env: ctx.env,
    open: ctx.canPrompt,
  });
  await verifyBrowserLogin(client, received.token);
  // The e-mail is the server's word, not the callback's: anything local can post to it.
  const user = await getCurrentUser(client, received.token);
  const organization = await organizationOfBrowserLogin(client, received.token, flags);
  const loggedIn = organization
    ? { token: received.token, organization }
    : await finishLogin({
        client,
        token: received.token,
        organizationId: wantedOrganization(flags, ctx),
        siteUrl,
        interaction: interactionFor(flags, ctx),
        logger: ctx.logger,
      });
  return { ...loggedIn, email: user.email ?? user.username };
}

/** MFA tokens live 5 minutes (MFA.md); the token's own expiry is used when it says. */
const MFA_TOKEN_LIFETIME_MS = 5 * 60 * 1000;

async function loginWithEmail(
  ctx: CommandContext,
  client: ApiClient,
  siteUrl: string,
  flags: LoginFlags,
): Promise<LoginResult> {
  const email = await resolveEmail(flags, ctx);
  const password = await resolvePassword(flags, ctx);
  const { accessToken } = await loginWithPassword(client, email, password);
  const keepForLater = async (challenge: MfaChallenge): Promise<never> => {
    const exp = decodeJwtPayload(challenge.mfaToken)?.exp;
    const expiresAt = new Date(
      typeof exp === "number" ? exp * 1000 : ctx.now().getTime() + MFA_TOKEN_LIFETIME_MS,
    );
    await pendingLogins(ctx).put({
      domain: siteUrl,
      email,
      ...challenge,
      expiresAt: expiresAt.toISOString(),
    });
    throw new AuthError(`Infisical has e-mailed a code to ${email} to finish this login`, {
      details: [`the login waits until ${formatMoment(expiresAt.toISOString(), ctx.now())}`],
      hint: "finish it with `infisical login --mfa-code <code>` (a new login would mail a new code and void this one)",
    });
  };
  const loggedIn = await finishLogin({
    client,
    token: accessToken,
    organizationId: wantedOrganization(flags, ctx),
    siteUrl,
    interaction: interactionFor(flags, ctx, keepForLater),
    logger: ctx.logger,
  });
  return { ...loggedIn, email };
}

function pendingLogins(ctx: CommandContext): PendingMfaStore {
  return new PendingMfaStore(configDir(ctx.env));
}

/** `login --mfa-code` with a login waiting for its e-mailed code: that login, finished. */
async function finishPendingLogin(
  ctx: CommandContext,
  client: ApiClient,
  pending: PendingMfa,
  code: string,
): Promise<LoginResult> {
  ctx.logger.notice(`finishing the login of ${pending.email} that is waiting for its code`);
  const loggedIn = await answerChallenge(client, pending, code);
  await pendingLogins(ctx).remove();
  return { ...loggedIn, email: pending.email };
}

function sessionOf(result: LoginResult, siteUrl: string, now: Date): Session {
  const facts = checkUserToken(result.token, "the new login", now);
  return {
    domain: siteUrl,
    email: result.email,
    organizationId: facts.organizationId,
    organizationName: result.organization.name,
    token: result.token,
    expiresAt: facts.expiresAt.toISOString(),
    createdAt: now.toISOString(),
  };
}

export async function runLogin(flags: LoginFlags, ctx: CommandContext): Promise<void> {
  checkFlagCombinations(flags);
  const storage = storageChoice(flags.storage, ctx.env);
  const connection = await connect(ctx);
  const { client, store, settings } = connection;
  const { siteUrl } = settings.domain;
  const browser = wantsBrowser(flags, ctx) && flags.mfaCode === undefined;
  // The browser flow sends nothing of the user's; a password goes only where the user said.
  if (!browser) await checkCredentialMayGo(connection, "your password");

  // --mfa-code without a password: the login that is waiting for its e-mailed code, if any.
  const pending =
    flags.mfaCode !== undefined &&
    flags.password === undefined &&
    !flags.passwordStdin &&
    !ctx.env.INFISICAL_PASSWORD
      ? pendingLogins(ctx).get(siteUrl, ctx.now())
      : undefined;
  ctx.logger.notice(`logging in to ${siteUrl}`);
  const result = pending
    ? await finishPendingLogin(ctx, client, pending, flags.mfaCode as string)
    : browser
      ? await loginWithBrowser(ctx, client, siteUrl, flags)
      : await loginWithEmail(ctx, client, siteUrl, flags);

  const fresh = sessionOf(result, siteUrl, ctx.now());
  const stored = await store.put(fresh, storage);
  const session: Session =
    stored.where === "keyring" ? { ...fresh, tokenStorage: "keyring" } : fresh;
  ctx.logger.debug(
    `stored the login in ${stored.where === "keyring" ? "the OS keyring" : store.file}`,
  );
  if (stored.firstPlainText) {
    ctx.logger.warn(
      `no OS keyring answered (${stored.keyringProblem}): the login is kept unencrypted in ${store.file}, readable only by you. This is said once; INFISICAL_SESSION_STORAGE=file keeps logins there without trying the keyring`,
    );
  } else if (stored.keyringProblem) {
    ctx.logger.debug(`no OS keyring answered: ${stored.keyringProblem}`);
  }

  if (flags.plain) {
    // The one place a session token is shown: the user asked for it.
    ctx.writeSecret(`${session.token}\n`);
    return;
  }
  if (flags.json) renderSession(ctx, session, "json", "");
  else if (!ctx.globals.silent) {
    renderSession(ctx, session, "human", `Logged in to ${session.domain} as ${session.email}`);
  }
}
