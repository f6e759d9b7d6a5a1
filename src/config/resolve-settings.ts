import type { SessionStore } from "../auth/session-store.js";
import type { CommandContext } from "../context.js";
import { isInsecureRemote, resolveDomain, type Domain, type DomainSource } from "./domain.js";
import { findProjectFile, type LoadedProjectFile } from "./project-file.js";
import { resolveProjectId } from "./project-id.js";

export interface Settings {
  domain: Domain;
  /** Where the domain came from: a file in the working tree is not the user's own word. */
  domainSource: DomainSource;
  projectFile: LoadedProjectFile | undefined;
}

export interface ProjectSettings extends Settings {
  projectId: string;
}

function hasEnv(ctx: CommandContext, name: string): boolean {
  return Boolean(ctx.env[name]?.trim());
}

/**
 * Where the request goes (domain: README "Where settings come from"). .infisical.json is read
 * only when a flag or variable does not already decide, so a broken file in a parent directory
 * does not block explicit use.
 */
async function loadSettings(
  ctx: CommandContext,
  store: SessionStore,
  needFileForProject: boolean,
): Promise<Settings> {
  const domainDecided =
    ctx.globals.domain !== undefined ||
    hasEnv(ctx, "INFISICAL_DOMAIN") ||
    hasEnv(ctx, "INFISICAL_API_URL");
  const projectFile =
    !domainDecided || needFileForProject ? await findProjectFile(ctx.cwd) : undefined;
  const fileDomain = projectFile?.config.domain;
  const latestLogin = domainDecided || fileDomain ? undefined : (await store.latest())?.domain;
  const { domain, source } = resolveDomain({
    flag: ctx.globals.domain,
    env: ctx.env,
    projectFile: projectFile && { domain: fileDomain, filepath: projectFile.filepath },
    latestLogin,
  });
  if (source === ".infisical.json") {
    ctx.logger.notice(`using domain ${domain.siteUrl} from ${projectFile?.filepath}`);
  }
  if (isInsecureRemote(domain)) {
    ctx.logger.warn(`${domain.siteUrl} uses http://: credentials and tokens travel unencrypted`);
  }
  ctx.logger.debug(`domain ${domain.siteUrl} (from ${source})`);
  return { domain, domainSource: source, projectFile };
}

export async function resolveSettings(ctx: CommandContext, store: SessionStore): Promise<Settings> {
  return loadSettings(ctx, store, false);
}

export async function resolveProjectSettings(
  ctx: CommandContext,
  store: SessionStore,
  projectIdFlag: string | undefined,
): Promise<ProjectSettings> {
  const needFile = projectIdFlag === undefined && !hasEnv(ctx, "INFISICAL_PROJECT_ID");
  const settings = await loadSettings(ctx, store, needFile);
  const { projectId, detail } = resolveProjectId({
    flag: projectIdFlag,
    env: ctx.env,
    projectFile: settings.projectFile,
  });
  ctx.logger.debug(`project ${projectId} (from ${detail})`);
  return { ...settings, projectId };
}
