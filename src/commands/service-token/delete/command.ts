import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { addProjectAccessOptions } from "../../shared-options.js";
import type { DeleteFlags } from "./run.js";
import { examples } from "../../help-text.js";

export function addDeleteCommand(group: Command, contextOf: ContextOf): void {
  const del = group
    .command("delete")
    .description("delete service tokens by id (revokes them at once)")
    .argument(
      "<id...>",
      "ids of the tokens to delete, whole or their unique beginning (see `infisical service-token list`)",
    )
    .option("-y, --yes", "do not ask for confirmation (required without a terminal)")
    .option("--json", "print the result for each id as JSON");
  addProjectAccessOptions(del)
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ infisical service-token delete 59a7cc6d-3796-491c-a96e-e0915a5b5576
  $ infisical service-token delete 59a7cc6d          # the beginning list shows, in this project
  $ infisical service-token list --json | jq -r '.[] | select(.name == "old") | .id' \\
      | xargs infisical service-token delete --yes`,
      ),
    )
    .action(async (ids: string[], flags: DeleteFlags, command: Command) => {
      const { runDelete } = await import("./run.js");
      await runDelete(ids, flags, await contextOf(command));
    });
}
