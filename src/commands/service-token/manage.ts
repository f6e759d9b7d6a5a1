import type { Command } from "commander";
import { PROJECT_ID_OPTION, projectIdAlias, TOKEN_OPTION } from "../shared-options.js";

export interface ListFlags {
  projectId?: string;
  json?: boolean;
  token?: string;
}

export interface DeleteFlags {
  yes?: boolean;
  json?: boolean;
  token?: string;
}

export interface ViewFlags {
  json?: boolean;
}

/** list, delete and view: the commands that manage tokens once they exist. */
export function addManageCommands(group: Command): void {
  group
    .command("list")
    .description("list the project's service tokens, newest first")
    .option(...PROJECT_ID_OPTION)
    .addOption(projectIdAlias())
    .option("--json", "print the tokens as a JSON array")
    .option(...TOKEN_OPTION)
    .addHelpText(
      "after",
      `
Examples:
  $ infisical service-token list
  $ infisical service-token list --json | jq -r '.[] | select(.expiresAt == null) | .id'
  $ infisical service-token list | cut -f1,2          # piped: tab-separated, no header`,
    )
    .action(async (flags: ListFlags, command: Command) => {
      const { runList } = await import("./manage-actions.js");
      await runList(flags, command);
    });

  group
    .command("delete")
    .description("delete service tokens by id (revokes them at once)")
    .argument("<id...>", "ids of the tokens to delete (see `infisical service-token list`)")
    .option("-y, --yes", "do not ask for confirmation (required without a terminal)")
    .option("--json", "print the result for each id as JSON")
    .option(...TOKEN_OPTION)
    .addHelpText(
      "after",
      `
Examples:
  $ infisical service-token delete 59a7cc6d-3796-491c-a96e-e0915a5b5576
  $ infisical service-token list --json | jq -r '.[] | select(.name == "old") | .id' \\
      | xargs infisical service-token delete --yes`,
    )
    .action(async (ids: string[], flags: DeleteFlags, command: Command) => {
      const { runDelete } = await import("./manage-actions.js");
      await runDelete(ids, flags, command);
    });

  group
    .command("view")
    .description("show what a service token can do: name, project, scopes, access, expiry")
    .argument(
      "[token]",
      "the service token, or - to read it from standard input (default: INFISICAL_TOKEN)",
    )
    .option("--json", "print the details as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ infisical service-token view -  < token.txt       # keeps the token out of shell history
  $ INFISICAL_TOKEN=st.… infisical service-token view --json`,
    )
    .action(async (token: string | undefined, flags: ViewFlags, command: Command) => {
      const { runView } = await import("./manage-actions.js");
      await runView(token, flags, command);
    });
}
