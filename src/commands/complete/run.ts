import { listProjects, getProject } from "../../api/projects.js";
import { listServiceTokens } from "../../api/service-tokens.js";
import type { CommandContext } from "../../context.js";
import { visible } from "../../output/visible.js";
import { connectAsUser, connectToProject } from "../connect.js";

/** What the shell asks for: environment scopes, projects, token ids or identity ids. */
import type { COMPLETABLE } from "./completable.js";

export type Completable = (typeof COMPLETABLE)[number];

/** `value<TAB>description` lines: zsh and fish show the descriptions, bash takes the values. */
async function candidates(what: Completable, ctx: CommandContext): Promise<string[]> {
  if (what === "projects") {
    const { client, credentials } = await connectAsUser(ctx);
    return (await listProjects(client, credentials.token)).map((p) => `${p.id}\t${p.name}`);
  }
  if (what === "identities") {
    const { listIdentities } = await import("../../api/identities.js");
    const { client, credentials } = await connectAsUser(ctx);
    const identities = await listIdentities(client, credentials.token, credentials.organizationId);
    return identities.map((m) => `${m.identity.id}\t${m.identity.name}`);
  }
  const { client, credentials, projectId } = await connectToProject(ctx, undefined);
  if (what === "environments") {
    const project = await getProject(client, credentials.token, projectId);
    return project.environments.map((e) => `${e.slug}:/\t${e.name}`);
  }
  const tokens = await listServiceTokens(client, credentials.token, projectId);
  return tokens.map((t) => `${t.id}\t${t.name}`);
}

/**
 * For shell completion (hidden): the stored login's data, one candidate a line. Offline, logged
 * out or anything else wrong: nothing at all, quietly; the shell then offers nothing.
 */
export async function runComplete(what: Completable, ctx: CommandContext): Promise<void> {
  let lines: string[];
  try {
    lines = await candidates(what, ctx);
  } catch {
    return;
  }
  // Server data, shown by the shell: no control character (a tab or newline would split it).
  const clean = (line: string) => {
    const [value = "", ...rest] = line.split("\t");
    return `${visible(value)}\t${visible(rest.join(" "))}`;
  };
  if (lines.length > 0) ctx.stdout.write(`${lines.map(clean).join("\n")}\n`);
}
