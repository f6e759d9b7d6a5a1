import { accessSync, constants, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { withoutByteOrderMark } from "../core/text.js";
import { CliError } from "../errors.js";

export const PROJECT_FILE_NAME = ".infisical.json";

/** The fields the Go CLI writes and reads; unknown fields are kept and ignored. */
export const projectFileSchema = z
  .object({
    workspaceId: z.string().optional(),
    defaultEnvironment: z.string().optional(),
    gitBranchToEnvironmentMapping: z.record(z.string()).nullable().optional(),
    defaultSecretPath: z.string().optional(),
    domain: z
      .string()
      .refine((value) => /^https?:\/\//i.test(value.trim()), "must start with http:// or https://")
      .optional(),
  })
  .passthrough();

export type ProjectFile = z.infer<typeof projectFileSchema>;

export interface LoadedProjectFile {
  filepath: string;
  config: ProjectFile;
}

function fileError(filepath: string, problem: string, cause?: unknown): CliError {
  return new CliError(`${filepath} is not a valid ${PROJECT_FILE_NAME}: ${problem}`, {
    hint: `fix or remove ${filepath} (run \`infisical init\` to write a new one), or pass --projectId`,
    cause,
  });
}

function parseProjectFile(filepath: string, content: string): ProjectFile {
  let json: unknown;
  try {
    json = JSON.parse(withoutByteOrderMark(content));
  } catch (error) {
    throw fileError(filepath, `it is not JSON (${(error as Error).message})`, error);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw fileError(filepath, "it must hold a JSON object");
  }
  const result = projectFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw fileError(filepath, problems.join("; "));
  }
  return result.data;
}

/**
 * The nearest .infisical.json in `cwd` or a parent, checked before it is opened: a FIFO or device
 * would hang the read, and an unreadable file must not be passed over for a parent directory's
 * (another project). A directory of that name is passed over. Only these directories count, as
 * in the Go CLI: cosmiconfig's own search would go on to the user's config directory
 * (`~/.config/infisical-ts-project/config.json` and the like), a file nobody knows about.
 */
function nearestProjectFile(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const path = join(dir, PROJECT_FILE_NAME);
    let stats;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      throw fileError(path, `it cannot be read (${(error as NodeJS.ErrnoException).code})`, error);
    }
    if (stats?.isFile()) {
      try {
        accessSync(path, constants.R_OK);
      } catch (error) {
        throw fileError(path, "it cannot be read (permission denied)", error);
      }
      return path;
    }
    if (stats && !stats.isDirectory())
      throw fileError(
        path,
        "it is not a regular file (a FIFO, socket or device), so it is not opened",
      );
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Finds and loads the nearest .infisical.json from `cwd` up to the filesystem root; cosmiconfig
 * loads it, validation is ours so that every problem names the file. This module is only
 * reached through a command's lazily imported action, never at start-up.
 */
export async function findProjectFile(cwd: string): Promise<LoadedProjectFile | undefined> {
  const filepath = nearestProjectFile(cwd);
  if (filepath === undefined) return undefined;
  // Loaded only when there is a file to read (flags and variables often decide).
  const loaded = await import("cosmiconfig");
  // Bundled, a CommonJS package arrives as its default export.
  const { cosmiconfig } =
    "cosmiconfig" in loaded ? loaded : (loaded as { default: typeof loaded }).default;
  const explorer = cosmiconfig("infisical-ts-project", {
    searchPlaces: [PROJECT_FILE_NAME],
    searchStrategy: "none",
    cache: false,
    loaders: { ".json": (filepath, content) => parseProjectFile(filepath, content) },
  });
  let result;
  try {
    result = await explorer.load(filepath);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const err = error as NodeJS.ErrnoException;
    throw new CliError(`could not read ${PROJECT_FILE_NAME}: ${err.message}`, {
      details: err.path ? [`file: ${err.path}`] : [],
      hint: "check the file's permissions, or pass --projectId",
      cause: error,
    });
  }
  if (!result || result.isEmpty) return undefined;
  return { filepath: result.filepath, config: result.config as ProjectFile };
}
