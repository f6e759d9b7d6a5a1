import { resolveSettings } from "../../config/resolve-settings.js";
import type { CommandContext } from "../../context.js";
import { checkUserToken } from "../../core/jwt-claims.js";
import { AuthError } from "../../errors.js";
import { renderSession } from "../../output/session.js";
import { openSessionStore } from "../open-session-store.js";

export interface WhoamiFlags {
  offline?: boolean;
  json?: boolean;
}

/** The stored logins and the domain; online also a client (the HTTP stack loads only then). */
async function connectUnless(offline: boolean, ctx: CommandContext) {
  if (offline) {
    const store = openSessionStore(ctx);
    return { store, domain: (await resolveSettings(ctx, store)).domain, client: undefined };
  }
  const { connect } = await import("../connect.js");
  const { store, settings, client } = await connect(ctx);
  return { store, domain: settings.domain, client };
}

export async function runWhoami(flags: WhoamiFlags, ctx: CommandContext): Promise<void> {
  const { store, domain, client } = await connectUnless(flags.offline === true, ctx);
  const session = await store.get(domain.siteUrl);
  if (!session) {
    throw new AuthError(`you are not logged in to ${domain.siteUrl}`, {
      hint: `run \`infisical login --domain ${domain.siteUrl}\``,
    });
  }
  checkUserToken(session.token, `the stored login for ${domain.siteUrl}`, ctx.now());
  if (client) {
    // The server is the judge: a login can be revoked or locked long before it expires. Its
    // refusals (revoked, expired, locked) are authentication errors, exit 4.
    const { checkAuth } = await import("../../api/auth.js");
    await checkAuth(client, session.token);
  }
  renderSession(
    ctx,
    session,
    flags.json ? "json" : "human",
    flags.offline
      ? `Logged in to ${session.domain} (as stored on this machine; not checked with the server)`
      : `Logged in to ${session.domain}`,
    ctx.stdout,
    { checkedWithServer: !flags.offline },
  );
}
