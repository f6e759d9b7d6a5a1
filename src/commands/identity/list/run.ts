import { listIdentities } from "../../../api/identities.js";
import type { CommandContext } from "../../../context.js";
import { formatMoment } from "../../../output/time.js";
import { visible } from "../../../output/visible.js";
import { connectAsUser } from "../../connect.js";
import type { IdentityFlags } from "../flags.js";

/** The organization's identities: a table at a terminal, tab-separated lines piped, or JSON. */
export async function runIdentityList(flags: IdentityFlags, ctx: CommandContext): Promise<void> {
  const { client, credentials } = await connectAsUser(ctx, flags.token);
  const rows = (await listIdentities(client, credentials.token, credentials.organizationId)).map(
    (m) => ({
      id: m.identity.id,
      name: m.identity.name,
      organizationRole: m.role,
      authMethods: m.identity.authMethods,
      lastLoginAt: m.lastLoginTime ?? null,
      createdAt: m.createdAt,
    }),
  );
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    ctx.logger.notice(`no identities in organization ${credentials.organizationId}`);
    return;
  }
  const cells = rows.map((r) => [
    r.id,
    visible(r.name),
    r.organizationRole,
    r.authMethods.join(",") || "none",
    r.lastLoginAt ? formatMoment(r.lastLoginAt, ctx.now()) : "never",
  ]);
  if (!ctx.stdout.isTTY) {
    ctx.stdout.write(cells.map((c) => `${c.join("\t")}\n`).join(""));
    return;
  }
  const header = ["ID", "NAME", "ORG ROLE", "AUTH", "LAST LOGIN"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => (c[i] as string).length)),
  );
  const line = (c: string[]) =>
    `${c
      .map((v, i) => v.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd()}\n`;
  ctx.stdout.write([header, ...cells].map(line).join(""));
}
