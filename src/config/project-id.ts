import { UsageError } from "../errors.js";
import type { LoadedProjectFile } from "./project-file.js";

export type ProjectIdSource = "--projectId" | "INFISICAL_PROJECT_ID" | ".infisical.json";

export interface ProjectIdInputs {
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  projectFile?: LoadedProjectFile | undefined;
}

/** --projectId > INFISICAL_PROJECT_ID > workspaceId of the nearest .infisical.json. */
export function resolveProjectId(inputs: ProjectIdInputs): {
  projectId: string;
  source: ProjectIdSource;
  detail: string;
} {
  if (inputs.flag !== undefined) {
    const flag = inputs.flag.trim();
    if (flag === "")
      throw new UsageError("--projectId is empty", {
        hint: "pass the project's id, e.g. --projectId 3f1c…",
      });
    return { projectId: flag, source: "--projectId", detail: "--projectId" };
  }
  const fromEnv = inputs.env.INFISICAL_PROJECT_ID?.trim();
  if (fromEnv)
    return { projectId: fromEnv, source: "INFISICAL_PROJECT_ID", detail: "INFISICAL_PROJECT_ID" };
  const file = inputs.projectFile;
  const fromFile = file?.config.workspaceId?.trim();
  if (file && fromFile)
    return { projectId: fromFile, source: ".infisical.json", detail: file.filepath };
  throw new UsageError(
    file
      ? `no project id: ${file.filepath} has no workspaceId`
      : "no project id: pass --projectId, set INFISICAL_PROJECT_ID, or run from a directory with an .infisical.json",
    {
      hint: "find the id in the project's settings in Infisical; `infisical init` writes .infisical.json for you",
    },
  );
}
