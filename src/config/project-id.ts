import { UsageError } from "../errors.js";
import type { LoadedProjectFile } from "./project-file.js";

export interface ProjectIdInputs {
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  projectFile?: LoadedProjectFile | undefined;
}

/** --projectId > INFISICAL_PROJECT_ID > workspaceId of the nearest .infisical.json. */
/** The project id and where it came from (a flag, a variable, or the file's path). */
export function resolveProjectId(inputs: ProjectIdInputs): { projectId: string; detail: string } {
  if (inputs.flag !== undefined) {
    const flag = inputs.flag.trim();
    if (flag === "")
      throw new UsageError("--projectId is empty", {
        hint: "pass the project's id, e.g. --projectId 3f1c…",
      });
    return { projectId: flag, detail: "--projectId" };
  }
  const fromEnv = inputs.env.INFISICAL_PROJECT_ID?.trim();
  if (fromEnv) return { projectId: fromEnv, detail: "INFISICAL_PROJECT_ID" };
  const file = inputs.projectFile;
  const fromFile = file?.config.workspaceId?.trim();
  if (file && fromFile) return { projectId: fromFile, detail: file.filepath };
  throw new UsageError(
    file
      ? `no project id: ${file.filepath} has no workspaceId`
      : "no project id: pass --projectId, set INFISICAL_PROJECT_ID, or run from a directory with an .infisical.json",
    {
      hint: "find the id in the project's settings in Infisical; `infisical init` writes .infisical.json for you",
    },
  );
}
