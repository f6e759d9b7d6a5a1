import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { TOKEN_OPTION } from "../../shared-options.js";
import type { IdentityFlags } from "../flags.js";

export function addIdentityListCommand(group: Command, contextOf: ContextOf): void {
  group
    .command("list")
    .description("the organization's identities: name, id, organization role, auth methods")
    .option("--json", "print them as a JSON array")
    .option(...TOKEN_OPTION)
    .action(async (flags: IdentityFlags, command: Command) => {
      const { runIdentityList } = await import("./run.js");
      await runIdentityList(flags, await contextOf(command));
    });
}
