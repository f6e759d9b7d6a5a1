import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { PROJECT_ID_OPTION, projectIdAlias, TOKEN_OPTION } from "../../shared-options.js";
import { addTokenFilterOptions } from "../filter-options.js";
import type { ListFlags } from "./run.js";
import { examples } from "../../help-text.js";

export function addListCommand(group: Command, contextOf: ContextOf): void {
  const list = group.command("list").description("list the project's service tokens, newest first");
  addTokenFilterOptions(list)
    .option(...PROJECT_ID_OPTION)
    .addOption(projectIdAlias())
    .option("--json", "print the tokens as a JSON array")
    .option("--wide", "show whole ids in the table (it shows their shortest unique beginning)")
    .option(...TOKEN_OPTION)
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ infisical service-token list
  $ infisical service-token list --json | jq -r '.[] | select(.expiresAt == null) | .id'
  $ infisical service-token list | cut -f1,2          # piped: tab-separated, no header
  $ infisical service-token list --wide               # whole ids in the table
  $ infisical service-token list --expired            # what \`prune --expired\` would delete
  $ infisical service-token list --unused-for 90d --name 'ci-*'`,
      ),
    )
    .action(async (flags: ListFlags, command: Command) => {
      const { runList } = await import("./run.js");
      await runList(flags, await contextOf(command));
    });
}
