import { resolveSettings } from "../../config/resolve-settings.js";
import type { CommandContext } from "../../context.js";
import { openSessionStore } from "../open-session-store.js";

export interface LogoutFlags {
  all?: boolean;
  json?: boolean;
}

export async function runLogout(flags: LogoutFlags, ctx: CommandContext): Promise<void> {
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
