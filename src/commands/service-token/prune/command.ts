import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { addProjectAccessOptions } from "../../shared-options.js";
import { examples } from "../../help-text.js";
import { addTokenFilterOptions } from "../filter-options.js";
import type { PruneFlags } from "./run.js";

export function addPruneCommand(group: Command, contextOf: ContextOf): void {
  const prune = group
    .command("prune")
    .description("delete the tokens that filters select (at least one): expired, unused, …");
  addTokenFilterOptions(prune)
    .option("-y, --yes", "do not ask for confirmation (required without a terminal)")
    .option("--dry-run", "only show what would be deleted")
    .option("--json", "print the result for each token as JSON (with --dry-run: the tokens)");
  addProjectAccessOptions(prune)
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ infisical service-token prune --expired          # shows them, then asks
  $ infisical service-token prune --expired --yes    # in a weekly job
  $ infisical service-token prune --unused-for 90d --name 'ci-*' --dry-run`,
      ),
    )
    .action(async (flags: PruneFlags, command: Command) => {
      const { runPrune } = await import("./run.js");
      await runPrune(flags, await contextOf(command));
    });
}
