import {
  getIdentity,
  listIdentityMemberships,
  listIdentityPrivileges,
} from "../../../api/identities.js";
import { listProjects } from "../../../api/projects.js";
import type { CommandContext } from "../../../context.js";
import { formatMoment } from "../../../output/time.js";
import { visible } from "../../../output/visible.js";
import { connectAsUser } from "../../connect.js";
import type { IdentityFlags } from "../flags.js";

/** One identity: its auth methods, and in each project of the organization its roles and privileges. */
export async function runIdentityView(
  id: string,
  flags: IdentityFlags,
  ctx: CommandContext,
): Promise<void> {
  const { client, credentials } = await connectAsUser(ctx, flags.token);
  const { identity } = await getIdentity(client, credentials.token, id);
  const projects = [];
  for (const project of await listProjects(client, credentials.token)) {
    const { identityMemberships } = await listIdentityMemberships(
      client,
      credentials.token,
      project.id,
    );
    const membership = identityMemberships.find((m) => m.identityId === identity.id);
    if (!membership) continue;
    const { privileges } = await listIdentityPrivileges(
      client,
      credentials.token,
      identity.id,
      project.id,
    );
    projects.push({
      projectId: project.id,
      projectName: project.name,
      roles: membership.roles.map((r) => r.role),
      privileges: privileges.map((p) => p.slug),
    });
  }
  const json = {
    id: identity.id,
    name: identity.name,
    organizationId: identity.orgId,
    authMethods: identity.authMethods ?? [],
    createdAt: identity.createdAt,
    projects,
  };
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const row = (label: string, value: string) => `${label.padEnd(14)}${visible(value)}`;
  ctx.stdout.write(
    [
      row("Name", json.name),
      row("ID", json.id),
      row("Auth methods", json.authMethods.join(", ") || "none"),
      row("Created", formatMoment(json.createdAt, ctx.now())),
      ...(projects.length === 0
        ? [row("Projects", "none")]
        : projects.flatMap((p, i) => [
            row(i === 0 ? "Projects" : "", `${p.projectName} (${p.projectId})`),
            row("", `  roles: ${p.roles.join(", ")}`),
            row("", `  privileges: ${p.privileges.join(", ") || "none"}`),
          ])),
      "",
    ].join("\n"),
  );
}
