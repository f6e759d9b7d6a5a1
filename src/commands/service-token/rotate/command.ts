import { Option, type Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { addProjectAccessOptions } from "../../shared-options.js";
import { examples } from "../../help-text.js";
import { addExpiryOptions } from "../token-options.js";
import type { RotateFlags } from "./run.js";

export function addRotateCommand(group: Command, contextOf: ContextOf): void {
  const rotate = group
    .command("rotate")
    .description("replace a token with a new one like it, printed like create, then delete the old")
    .argument("<id>", "the token's id, whole or its unique beginning (see `service-token list`)");
  addExpiryOptions(rotate, "the old token's validity length")
    .option("--keep-old", "do not delete the old token (for a hand-over period)")
    .addOption(
      new Option("--token-only", "print only the new token, for scripts").conflicts([
        "json",
        "dryRun",
      ]),
    )
    .option("--json", "print the new token as create does, with what it replaces")
    .option("--dry-run", "show both requests (create, delete) without sending them");
  addProjectAccessOptions(rotate)
    .addHelpText(
      "after",
      examples(
        `
Examples:
  # rotate a CI token and store the new one in one go
  $ infisical service-token rotate 59a7cc6d --token-only | gh secret set INFISICAL_TOKEN
  $ infisical service-token rotate 59a7cc6d --keep-old --expires-in 30d
  $ infisical service-token rotate 59a7cc6d --dry-run`,
      ),
    )
    .action(async (id: string, flags: RotateFlags, command: Command) => {
      const { runRotate } = await import("./run.js");
      await runRotate(id, flags, await contextOf(command));
    });
}
