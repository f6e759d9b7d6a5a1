import type { Session, SessionStore, StoredLogin } from "../../auth/session-store.js";
import type { Domain } from "../../config/domain.js";
import { resolveSettings } from "../../config/resolve-settings.js";
import type { CommandContext } from "../../context.js";
import { AuthError, CancelledError, UsageError } from "../../errors.js";
import { formatMoment } from "../../output/time.js";
import { openSessionStore } from "../open-session-store.js";

export interface LogoutFlags {
  all?: boolean;
  everywhere?: boolean;
  yes?: boolean;
  json?: boolean;
}

async function confirmEverywhere(session: Session, ctx: CommandContext): Promise<void> {
  if (!ctx.canPrompt) {
    throw new UsageError("signing out everywhere needs confirmation", {
      hint: "pass --yes to sign out everywhere without a prompt",
      neededTerminal: true,
    });
  }
  const question = `Sign ${session.email} out of ${session.domain} everywhere? Every session ends, on every device.`;
  if (!(await ctx.prompts.confirm(question))) throw new CancelledError("nothing was changed");
}

/** Revokes every session of the stored login's user on the server; true if it was still valid. */
async function revokeEverywhere(session: Session, ctx: CommandContext): Promise<boolean> {
  const [{ connect }, { revokeAllSessions }, { ApiError }] = await Promise.all([
    import("../connect.js"),
    import("../../api/auth.js"),
    import("../../api/errors.js"),
  ]);
  const { client } = await connect(ctx);
  try {
    await revokeAllSessions(client, session.token);
    return true;
  } catch (error) {
    // Already revoked elsewhere: the goal is reached; the local login still goes.
    if (error instanceof ApiError && error.kind === "session-revoked") return false;
    throw error;
  }
}

async function logoutOfDomain(
  flags: LogoutFlags,
  ctx: CommandContext,
  store: SessionStore,
  domain: Domain,
): Promise<{ removed: StoredLogin[]; revoked: boolean }> {
  // The JWT is read (from the keyring, maybe) only to end the session on the server.
  const login = (await store.storedLogins()).find((s) => s.domain === domain.siteUrl);
  let revoked = false;
  if (flags.everywhere) {
    const session = await store.get(domain.siteUrl);
    if (!session) {
      throw new AuthError(
        `you are not logged in to ${domain.siteUrl}: there is no session to end`,
        {
          hint: `log in first (\`infisical login --domain ${domain.siteUrl}\`), then sign out everywhere`,
        },
      );
    }
    if (!flags.yes) await confirmEverywhere(session, ctx);
    revoked = await revokeEverywhere(session, ctx);
    if (!revoked) ctx.logger.notice(`the session on ${domain.siteUrl} had already been revoked`);
  }
  const removed = (await store.remove(domain.siteUrl)) && login ? [login] : [];
  if (removed.length === 0) ctx.logger.notice(`you were not logged in to ${domain.siteUrl}`);
  return { removed, revoked };
}

export async function runLogout(flags: LogoutFlags, ctx: CommandContext): Promise<void> {
  if (flags.all && flags.everywhere) {
    throw new UsageError("--all and --everywhere cannot be used together", {
      hint: "sign out everywhere one domain at a time (--domain), or use --all to forget every local login",
    });
  }
  const store = openSessionStore(ctx);
  let removed: StoredLogin[];
  let revoked = false;
  if (flags.all) {
    removed = await store.storedLogins();
    await store.clear();
  } else {
    const { domain } = await resolveSettings(ctx, store);
    ({ removed, revoked } = await logoutOfDomain(flags, ctx, store, domain));
  }
  if (flags.json) {
    ctx.stdout.write(
      `${JSON.stringify(
        {
          loggedOut: removed.map((s) => s.domain),
          ...(flags.everywhere ? { revokedEverywhere: revoked } : {}),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (revoked)
    ctx.logger.success(`signed out everywhere: every session of ${removed[0]?.email} ended`);
  for (const session of removed) {
    ctx.logger.success(`logged out of ${session.domain}`);
    if (!flags.everywhere) {
      ctx.logger.notice(
        `  this machine forgot the login; on the server the session stays valid until ${formatMoment(session.expiresAt, ctx.now())} (\`infisical logout --everywhere\` ends it)`,
      );
    }
  }
  if (flags.all && removed.length === 0) ctx.logger.notice("there were no stored logins");
}
