import { resolveSettings } from "../../config/resolve-settings.js";
import type { CommandContext } from "../../context.js";
import { checkUserToken } from "../../core/jwt-claims.js";
import { AuthError } from "../../errors.js";
import { renderSession } from "../../output/session.js";
import { openSessionStore } from "../open-session-store.js";

export interface WhoamiFlags {
  json?: boolean;
}

export async function runWhoami(flags: WhoamiFlags, ctx: CommandContext): Promise<void> {
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
