import { existsSync } from "node:fs";
import { join } from "node:path";
import { listProjects } from "../../api/projects.js";
import type { Project } from "../../api/project-schemas.js";
import { PROJECT_FILE_NAME } from "../../config/project-file.js";
import { writeFileAtomic } from "../../config/write-file-atomic.js";
import type { CommandContext } from "../../context.js";
import { CancelledError, CliError, UsageError } from "../../errors.js";
import { visible } from "../../output/visible.js";
import { connectAsUser } from "../connect.js";

export interface InitFlags {
  projectId?: string;
  force?: boolean;
  json?: boolean;
  token?: string;
}

const projectLines = (projects: Project[]) => projects.map((p) => `${p.id}  ${p.name}`);

async function chooseProject(
  projects: Project[],
  wanted: string | undefined,
  ctx: CommandContext,
  siteUrl: string,
) {
  if (projects.length === 0) {
    throw new CliError("there are no secret-management projects in this organization", {
      hint: `create one at ${siteUrl}, then run \`infisical init\` again`,
    });
  }
  if (wanted !== undefined) {
    const match = projects.find((p) => p.id === wanted.trim() || p.slug === wanted.trim());
    if (!match) {
      throw new UsageError(
        `project ${JSON.stringify(wanted)} is not one of this organization's projects`,
        {
          details: projectLines(projects),
          hint: "pass one of these ids with --project-id",
        },
      );
    }
    return match;
  }
  if (!ctx.canPrompt) {
    throw new UsageError("choose a project with --project-id", {
      details: projectLines(projects),
      neededTerminal: true,
    });
  }
  return ctx.prompts.choice(
    "Which project should this directory use?",
    projects.map((p) => ({ name: visible(`${p.name} (${p.id})`), value: p })),
  );
}

/** Writes the same fields the Go CLI writes, so both tools read the file. */
export async function runInit(flags: InitFlags, ctx: CommandContext): Promise<void> {
  const target = join(ctx.cwd, PROJECT_FILE_NAME);
  const exists = existsSync(target);
  if (exists && !flags.force && !ctx.canPrompt) {
    throw new UsageError(`${target} already exists`, {
      hint: "pass --force to overwrite it",
      neededTerminal: true,
    });
  }
  const { client, credentials, settings } = await connectAsUser(ctx, flags.token);
  const projects = (await listProjects(client, credentials.token)).filter(
    (p) => p.type === undefined || p.type === "secret-manager",
  );
  const project = await chooseProject(projects, flags.projectId, ctx, settings.domain.siteUrl);
  if (
    exists &&
    !flags.force &&
    !(await ctx.prompts.confirm(`${PROJECT_FILE_NAME} already exists here. Overwrite it?`))
  ) {
    throw new CancelledError("nothing was written");
  }
  const content = {
    workspaceId: project.id,
    defaultEnvironment: "",
    gitBranchToEnvironmentMapping: null,
  };
  await writeFileAtomic(target, `${JSON.stringify(content, null, 4)}\n`);
  if (flags.json) {
    ctx.stdout.write(
      `${JSON.stringify({ path: target, workspaceId: project.id, projectName: project.name }, null, 2)}\n`,
    );
    return;
  }
  ctx.logger.success(
    `wrote ${target}: this directory now uses project ${JSON.stringify(project.name)} (${project.id})`,
  );
}
