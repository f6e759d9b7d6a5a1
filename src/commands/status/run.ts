import { checkAuth } from "../../api/auth.js";
import { ApiError } from "../../api/errors.js";
import type { Session } from "../../auth/session-store.js";
import { parseDomain } from "../../config/domain.js";
import { resolveSettings } from "../../config/resolve-settings.js";
import type { CommandContext } from "../../context.js";
import { parseCustomHeaders } from "../../core/custom-headers.js";
import { AuthError, CliError, ExitCode } from "../../errors.js";
import { sessionJson } from "../../output/session.js";
import { formatMoment } from "../../output/time.js";
import { visible } from "../../output/visible.js";
import { clientFor } from "../connect.js";
import { openSessionStore } from "../open-session-store.js";

export interface StatusFlags {
  json?: boolean;
}

/** What the server said of one stored login. */
type Verdict =
  | { state: "valid" }
  | { state: "expired" }
  | { state: "refused" | "unreachable"; error: string; hint?: string | undefined };

/** Asks the login's own server (and only it) whether it still accepts the login. */
async function verdictOf(ctx: CommandContext, session: Session, headers: Record<string, string>) {
  if (Date.parse(session.expiresAt) <= ctx.now().getTime()) return { state: "expired" } as const;
  try {
    const client = clientFor(ctx, parseDomain(session.domain, "a stored login"), headers, {
      feedback: false,
    });
    await checkAuth(client, session.token);
    return { state: "valid" } as const;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const refused = error.exitCode === ExitCode.auth;
    return {
      state: refused ? "refused" : "unreachable",
      error: error instanceof ApiError ? (error.serverMessage ?? error.message) : error.message,
      hint: error.hint,
    } as const;
  }
}

const SAID: Record<Verdict["state"], string> = {
  valid: "accepts this login",
  expired: "not asked: the login has expired",
  refused: "refuses this login",
  unreachable: "could not be asked",
};

/** Like `gh auth status`: every stored login, checked with its server in parallel. */
export async function runStatus(flags: StatusFlags, ctx: CommandContext): Promise<void> {
  const store = openSessionStore(ctx);
  const sessions = await store.readAll();
  const current = (await resolveSettings(ctx, store)).domain.siteUrl;
  const headers = parseCustomHeaders(ctx.env.INFISICAL_CUSTOM_HEADERS);
  const verdicts: Verdict[] = await Promise.all(sessions.map((s) => verdictOf(ctx, s, headers)));
  if (flags.json) {
    const rows = sessions.map((session, i) => {
      const verdict = verdicts[i] as Verdict;
      return {
        ...sessionJson(session),
        current: session.domain === current,
        valid: verdict.state === "valid",
        state: verdict.state,
        error: "error" in verdict ? verdict.error : null,
      };
    });
    ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    const paint = ctx.paintOut;
    const row = (label: string, value: string) =>
      `  ${paint.dim(label.padEnd(14))}${visible(value)}`;
    const blocks = sessions.map((session, i) => {
      const verdict = verdicts[i] as Verdict;
      const mark = verdict.state === "valid" ? paint.green("✓") : paint.red("✗");
      const organization = session.organizationName
        ? `${session.organizationName} (${session.organizationId})`
        : session.organizationId;
      const lines = [
        `${mark} ${visible(session.domain)}${session.domain === current ? paint.dim("  (used here)") : ""}`,
        row("Email", session.email),
        row("Organization", organization),
        row("Expires", formatMoment(session.expiresAt, ctx.now())),
        row("Server", SAID[verdict.state]),
      ];
      if ("error" in verdict) lines.push(row("", verdict.error));
      if (verdict.state !== "valid")
        lines.push(row("", `log in again: infisical login --domain ${session.domain}`));
      return lines.join("\n");
    });
    if (blocks.length > 0) ctx.stdout.write(`${blocks.join("\n\n")}\n`);
  }
  if (sessions.length === 0) {
    throw new AuthError("not logged in to any Infisical instance", {
      hint: "run `infisical login` (add --domain for a self-hosted instance)",
    });
  }
  const bad = verdicts.filter((v) => v.state !== "valid").length;
  if (bad > 0) {
    throw new AuthError(
      bad === sessions.length
        ? `no stored login is valid`
        : `${bad} of ${sessions.length} stored logins are not valid`,
    );
  }
}
