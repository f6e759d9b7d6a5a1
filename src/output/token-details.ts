import type { ServiceTokenDetails } from "../api/schemas.js";
import type { CommandContext } from "../context.js";
import { formatScopeWithGrant } from "../core/scope.js";
import { tokenJson } from "./token-json.js";
import { formatMoment } from "./time.js";
import { visible } from "./visible.js";

/** What `view --json` prints: the list's fields, with the creator's e-mail; never the hash or key fields. */
export function tokenDetailsJson(token: ServiceTokenDetails) {
  const { createdBy, ...fields } = tokenJson(token);
  return { ...fields, createdBy: { id: createdBy, email: token.user?.email ?? null } };
}

export function renderTokenDetails(
  ctx: CommandContext,
  token: ServiceTokenDetails,
  json: boolean,
): void {
  if (json) {
    ctx.stdout.write(`${JSON.stringify(tokenDetailsJson(token), null, 2)}\n`);
    return;
  }
  const now = ctx.now();
  const row = (label: string, value: string) => `${label.padEnd(11)}${visible(value)}`;
  ctx.stdout.write(
    [
      row("Name", token.name),
      row("ID", token.id),
      row("Project", token.projectId),
      ...token.scopes.map((scope, i) => row(i === 0 ? "Scopes" : "", formatScopeWithGrant(scope))),
      row("Access", token.permissions.join(", ") || "none"),
      row("Expires", formatMoment(token.expiresAt, now)),
      row("Last used", formatMoment(token.lastUsed, now)),
      row(
        "Created",
        `${formatMoment(token.createdAt, now)}${token.user?.email ? ` by ${token.user.email}` : ""}`,
      ),
      "",
    ].join("\n"),
  );
}
