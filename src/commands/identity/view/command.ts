import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { TOKEN_OPTION } from "../../shared-options.js";
import type { IdentityFlags } from "../flags.js";

export function addIdentityViewCommand(group: Command, contextOf: ContextOf): void {
  group
    .command("view")
    .description("one identity: auth methods, and its roles and privileges in each project")
    .argument("<id>", "the identity's id (see `infisical identity list`)")
    .option("--json", "print it as JSON")
    .option(...TOKEN_OPTION)
    .action(async (id: string, flags: IdentityFlags, command: Command) => {
      const { runIdentityView } = await import("./run.js");
      await runIdentityView(id, flags, await contextOf(command));
    });
}
