import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { TOKEN_OPTION } from "../../shared-options.js";
import type { IdentityFlags } from "../flags.js";

export function addIdentityDeleteCommand(group: Command, contextOf: ContextOf): void {
  group
    .command("delete")
    .description("delete identities: their client secrets, tokens, memberships and privileges too")
    .argument("<id...>", "ids of the identities to delete")
    .option("-y, --yes", "do not ask for confirmation (required without a terminal)")
    .option("--json", "print the result for each id as JSON")
    .option(...TOKEN_OPTION)
    .action(async (ids: string[], flags: IdentityFlags, command: Command) => {
      const { runIdentityDelete } = await import("./run.js");
      await runIdentityDelete(ids, flags, await contextOf(command));
    });
}
