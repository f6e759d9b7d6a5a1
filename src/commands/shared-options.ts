import { Option, type Command } from "commander";

/** `--token`, for every command that acts as the logged-in user. */
export const TOKEN_OPTION = [
  "--token <jwt>",
  "user access token, or - to read it from standard input (default: INFISICAL_TOKEN, then the stored login)",
] as const;

/** `--projectId`, for the commands on one project; `--project-id` is its hidden alias. */
export const PROJECT_ID_OPTION = [
  "--projectId <id>",
  "project id (default: INFISICAL_PROJECT_ID, then .infisical.json)",
] as const;

export const projectIdAlias = () =>
  new Option("--project-id <id>", "alias of --projectId").hideHelp();

/** The project (--projectId and its alias) and the user acting on it (--token). */
export function addProjectAccessOptions(command: Command): Command {
  return command
    .option(...PROJECT_ID_OPTION)
    .addOption(projectIdAlias())
    .option(...TOKEN_OPTION);
}
