import type { Command } from "commander";
import { checkAuth, listOrganizations, loginWithPassword } from "../api/auth.js";
import type { ApiClient } from "../api/client.js";
import { ApiError } from "../api/errors.js";
import { waitForBrowserLogin } from "../auth/browser-login.js";
import {
  finishLogin,
  organizationList,
  type LoggedIn,
  type LoginInteraction,
} from "../auth/finish-login.js";
import { askChoice, askSecret, askText, canPrompt } from "../auth/prompts.js";
import type { Session } from "../auth/session-store.js";
import { createContext, type CommandContext } from "../context.js";
import { checkUserToken, decodeJwtPayload } from "../core/jwt-claims.js";
import { AuthError, CliError, UsageError } from "../errors.js";
import { registerSecret } from "../output/redact.js";
import { renderSession } from "../output/session.js";
import { connect } from "./connect.js";
import type { LoginFlags } from "./login.js";
import { readStdin } from "./read-stdin.js";

async function resolvePassword(
  flags: LoginFlags,
  ctx: CommandContext,
  interactive: boolean,
): Promise<string> {
  let password: string | undefined;
  if (flags.password !== undefined) {
    ctx.logger.warn(
      "a password given with --password can be seen by other users of this machine; prefer --password-stdin",
    );
    password = flags.password;
  } else if (flags.passwordStdin) {
    password = (await readStdin()).replace(/\r?\n$/, "");
  } else if (ctx.env.INFISICAL_PASSWORD) {
    password = ctx.env.INFISICAL_PASSWORD;
  } else if (interactive) {
    password = await askSecret("Password");
  }
  if (!password) {
    throw new UsageError("no password given", {
      hint: "pass it on standard input with --password-stdin, or set INFISICAL_PASSWORD",
    });
  }
  registerSecret(password);
  return password;
}

async function resolveEmail(
  flags: LoginFlags,
  ctx: CommandContext,
  interactive: boolean,
): Promise<string> {
  const email =
    flags.email?.trim() ||
    ctx.env.INFISICAL_EMAIL?.trim() ||
    (interactive ? (await askText("Email")).trim() : "");
  if (!email) {
    throw new UsageError("no e-mail given", {
      hint: "pass --email (or set INFISICAL_EMAIL); in a terminal, `infisical login` can also use the browser",
    });
  }
  return email;
}

/** --organization-id, else INFISICAL_ORGANIZATION_ID, else none (choose or ask). */
function wantedOrganization(flags: LoginFlags, ctx: CommandContext): string | undefined {
  return flags.organizationId?.trim() || ctx.env.INFISICAL_ORGANIZATION_ID?.trim() || undefined;
}

function interactionFor(flags: LoginFlags, interactive: boolean): LoginInteraction {
  return {
    mfaAttempts: flags.mfaCode !== undefined ? 1 : 3,
    mfaCode: async (_attempt, method) => {
      if (flags.mfaCode !== undefined) return flags.mfaCode;
      if (!interactive) {
        throw new UsageError("this account needs a multi-factor authentication code", {
          hint: "pass it with --mfa-code",
        });
      }
      return askText(
        method === "email"
          ? "MFA code (sent to your e-mail)"
          : "MFA code (from your authenticator app)",
      );
    },
    chooseOrganization: async (organizations) => {
      if (!interactive) {
        throw new UsageError("your account belongs to several organizations; choose one", {
          details: organizationList(organizations),
          hint: "pass --organization-id <id> (or set INFISICAL_ORGANIZATION_ID)",
        });
      }
      return askChoice(
        "Which organization would you like to log in to?",
        organizations.map((org) => ({ name: `${org.name} (${org.id})`, value: org })),
      );
    },
  };
}

async function loginWithBrowser(
  ctx: CommandContext,
  client: ApiClient,
  siteUrl: string,
  flags: LoginFlags,
  interactive: boolean,
) {
  const received = await waitForBrowserLogin({
    siteUrl,
    logger: ctx.logger,
    stderr: ctx.stderr,
    stdin: process.stdin,
    env: ctx.env,
    open: interactive,
  });
  try {
    await checkAuth(client, received.token);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new AuthError(`the login from the browser was not accepted by ${siteUrl}`, {
      details: error.details,
      hint: "log in again; check that the browser was on the same Infisical instance as --domain",
    });
  }
  const organizationId = decodeJwtPayload(received.token)?.organizationId;
  let loggedIn: LoggedIn;
  if (typeof organizationId === "string" && organizationId && flags.organizationId === undefined) {
    const organization = (await listOrganizations(client, received.token)).find(
      (org) => org.id === organizationId,
    );
    loggedIn = {
      token: received.token,
      organization: organization ?? { id: organizationId, name: organizationId, slug: "" },
    };
  } else {
    loggedIn = await finishLogin({
      client,
      token: received.token,
      organizationId: wantedOrganization(flags, ctx),
      siteUrl,
      interaction: interactionFor(flags, interactive),
      logger: ctx.logger,
    });
  }
  return { ...loggedIn, email: received.email };
}

async function loginWithEmail(
  ctx: CommandContext,
  client: ApiClient,
  siteUrl: string,
  flags: LoginFlags,
  interactive: boolean,
) {
  const email = await resolveEmail(flags, ctx, interactive);
  const password = await resolvePassword(flags, ctx, interactive);
  let accessToken: string;
  try {
    ({ accessToken } = await loginWithPassword(client, email, password));
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      throw new CliError(`${siteUrl} did not accept the e-mail and password`, {
        details: [`server: ${error.serverMessage ?? "Invalid credentials"}`, ...error.details],
        hint: "check both and try again; accounts that sign in with SSO log in with the browser (`infisical login --browser`)",
      });
    }
    throw error;
  }
  const loggedIn = await finishLogin({
    client,
    token: accessToken,
    organizationId: wantedOrganization(flags, ctx),
    siteUrl,
    interaction: interactionFor(flags, interactive),
    logger: ctx.logger,
  });
  return { ...loggedIn, email };
}

export async function runLogin(flags: LoginFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
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
  const { client, store, settings } = await connect(ctx);
  const { domain } = settings;
  const interactive = canPrompt();
  const hasEmail = Boolean(flags.email?.trim() || ctx.env.INFISICAL_EMAIL?.trim());
  const wantsPassword =
    flags.passwordStdin === true ||
    flags.password !== undefined ||
    Boolean(ctx.env.INFISICAL_PASSWORD);
  const useBrowser = flags.browser === true || (!hasEmail && !wantsPassword && interactive);

  ctx.logger.notice(`logging in to ${domain.siteUrl}`);
  const result = useBrowser
    ? await loginWithBrowser(ctx, client, domain.siteUrl, flags, interactive)
    : await loginWithEmail(ctx, client, domain.siteUrl, flags, interactive);

  const facts = checkUserToken(result.token, "the new login", ctx.now());
  const now = ctx.now().toISOString();
  const session: Session = {
    domain: domain.siteUrl,
    email: result.email,
    organizationId: facts.organizationId,
    organizationName: result.organization.name,
    token: result.token,
    expiresAt: facts.expiresAt.toISOString(),
    createdAt: now,
  };
  await store.put(session);
  ctx.logger.debug(`stored the session in ${store.file}`);

  if (flags.plain) {
    ctx.stdout.write(`${session.token}\n`);
    return;
  }
  if (flags.json) renderSession(ctx, session, "json", "");
  else if (!ctx.globals.silent) {
    renderSession(ctx, session, "human", `Logged in to ${session.domain} as ${session.email}`);
  }
}
