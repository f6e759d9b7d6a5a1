import type { Session } from "../auth/session-store.js";
import type { CommandContext } from "../context.js";
import { formatMoment } from "./time.js";
import { visible } from "./visible.js";
import type { OutputStream } from "../runtime.js";

/** A stored login without its token: what `whoami --json` and `login --json` print. */
export function sessionJson(session: Session) {
  return {
    domain: session.domain,
    email: session.email,
    organizationId: session.organizationId,
    organizationName: session.organizationName ?? null,
    expiresAt: session.expiresAt,
    /** Where the JWT is kept. */
    storage: session.tokenStorage === "keyring" ? "keyring" : "file",
  };
}

/** Login narrates on stderr; whoami's answer is its result, on stdout. */
export function renderSession(
  ctx: CommandContext,
  session: Session,
  mode: "human" | "json",
  headline: string,
  stream: OutputStream = ctx.stderr,
  /** Fields added to the JSON after the session's. */
  extraJson: Record<string, unknown> = {},
): void {
  if (mode === "json") {
    ctx.stdout.write(`${JSON.stringify({ ...sessionJson(session), ...extraJson }, null, 2)}\n`);
    return;
  }
  const paint = stream === ctx.stdout ? ctx.paintOut : ctx.paint;
  const organization = session.organizationName
    ? `${session.organizationName} (${session.organizationId})`
    : session.organizationId;
  const row = (label: string, value: string) => `  ${paint.dim(label.padEnd(14))}${visible(value)}`;
  stream.write(
    [
      `${paint.green("✓")} ${visible(headline)}`,
      row("Domain", session.domain),
      row("Email", session.email),
      row("Organization", organization),
      row("Expires", formatMoment(session.expiresAt, ctx.now())),
      row("Kept in", session.tokenStorage === "keyring" ? "the OS keyring" : "the logins file"),
      "",
    ].join("\n"),
  );
}
