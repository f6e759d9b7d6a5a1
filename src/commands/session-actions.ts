import type { Command } from "commander";
import { resolveSettings } from "../config/resolve-settings.js";
import { createContext } from "../context.js";
import { checkUserToken } from "../core/jwt-claims.js";
import { AuthError } from "../errors.js";
import { renderSession } from "../output/session.js";
import { openSessionStore } from "./open-session-store.js";
import type { LogoutFlags, WhoamiFlags } from "./session-commands.js";

export async function runLogout(flags: LogoutFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
  const store = openSessionStore(ctx);
  let removed: string[];
  if (flags.all) {
    removed = (await store.readAll()).map((s) => s.domain);
    await store.clear();
  } else {
    const { domain } = await resolveSettings(ctx, store);
    removed = (await store.remove(domain.siteUrl)) ? [domain.siteUrl] : [];
    if (removed.length === 0) ctx.logger.notice(`you were not logged in to ${domain.siteUrl}`);
  }
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify({ loggedOut: removed })}\n`);
    return;
  }
  for (const domain of removed)
    ctx.logger.notice(`${ctx.paint.green("✓")} logged out of ${domain}`);
  if (flags.all && removed.length === 0) ctx.logger.notice("there were no stored logins");
}

export async function runWhoami(flags: WhoamiFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
  const store = openSessionStore(ctx);
  const { domain } = await resolveSettings(ctx, store);
  const session = await store.get(domain.siteUrl);
  if (!session) {
    throw new AuthError(`you are not logged in to ${domain.siteUrl}`, {
      hint: `run \`infisical login --domain ${domain.siteUrl}\``,
    });
  }
  checkUserToken(session.token, `the stored login for ${domain.siteUrl}`, ctx.now());
  renderSession(
    ctx,
    session,
    flags.json ? "json" : "human",
    `Logged in to ${session.domain}`,
    ctx.stdout,
  );
}
