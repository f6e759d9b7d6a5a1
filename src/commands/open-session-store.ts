import { SessionStore } from "../auth/session-store.js";
import { sessionsFile } from "../config/paths.js";
import type { CommandContext } from "../context.js";

/**
 * The stored logins, warning through the command's logger when it has to tighten them. A module
 * of its own so that commands which send nothing (logout, whoami) do not load the HTTP client.
 */
export function openSessionStore(ctx: CommandContext): SessionStore {
  return new SessionStore(sessionsFile(ctx.env), (message) => ctx.logger.warn(message));
}
