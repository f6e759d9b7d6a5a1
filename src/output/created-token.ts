import type { ServiceTokenData } from "../api/schemas.js";
import type { CommandContext } from "../context.js";
import { formatScopeWithGrant } from "../core/scope.js";
import { visible } from "./visible.js";
import { formatMoment } from "./time.js";
import { tokenJson } from "./token-json.js";

export type OutputMode = "human" | "json" | "token-only";

/** Where the token goes in the JSON, so that everything else can be redacted. */
const TOKEN_PLACE = "\u0000token\u0000";

export interface CreatedToken {
  token: string;
  data: ServiceTokenData;
}

/** What to say when the token, shown only once, could not be delivered. */
function lostTokenNote(id: string): string {
  return `service token ${id} was created, but it could not be written to standard output and cannot be shown again; delete it with \`infisical service-token delete ${id}\``;
}

/** The documented --json object: stable camelCase fields, ISO dates, null for never. */
export function createdTokenJson({ token, data }: CreatedToken) {
  const { lastUsed: _lastUsed, createdBy: _createdBy, ...fields } = tokenJson(data);
  return { token, ...fields };
}

/**
 * Like `gh pr create`: the narrative goes to stderr, the token alone to stdout, so
 * `TOKEN=$(infisical service-token create …)` captures just the token. The token never goes to
 * stderr.
 */
export function renderCreatedToken(
  ctx: CommandContext,
  created: CreatedToken,
  mode: OutputMode,
  /** More --json fields after the documented ones (rotate: the token it replaces). */
  extraJson: Record<string, unknown> = {},
): void {
  if (mode === "json") {
    // Redacted like all output, except the token itself: it is what the user asked for.
    const json = JSON.stringify(
      { ...createdTokenJson({ ...created, token: TOKEN_PLACE }), ...extraJson },
      null,
      2,
    );
    ctx.writeSecret(
      `${ctx.redact(json).replace(JSON.stringify(TOKEN_PLACE), JSON.stringify(created.token))}\n`,
      lostTokenNote(created.data.id),
    );
    return;
  }
  if (mode === "human" && !ctx.globals.silent) {
    const { data } = created;
    const { paint } = ctx;
    const row = (label: string, value: string) =>
      `  ${paint.dim(label.padEnd(9))}${visible(value)}`;
    ctx.stderr.write(
      [
        `${paint.green("✓")} Created service token ${paint.bold(visible(JSON.stringify(data.name)))}`,
        row("ID", data.id),
        row("Project", data.projectId),
        row("Access", data.permissions.join(", ") || "none"),
        ...data.scopes.map((scope, i) => row(i === 0 ? "Scopes" : "", formatScopeWithGrant(scope))),
        row("Expires", formatMoment(data.expiresAt, ctx.now())),
        `  ${paint.yellow("This token is shown only once: store it somewhere safe now.")}`,
        "",
      ].join("\n"),
    );
  }
  ctx.writeSecret(`${created.token}\n`, lostTokenNote(created.data.id));
}
