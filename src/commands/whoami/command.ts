import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import type { WhoamiFlags } from "./run.js";

export function addWhoamiCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("whoami")
    .description("show who is logged in to the domain, and until when")
    .option("--json", "print domain, email, organization and expiry as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ infisical whoami\n  $ infisical whoami --json | jq -r .expiresAt",
    )
    .action(async (flags: WhoamiFlags, command: Command) => {
      const { runWhoami } = await import("./run.js");
      await runWhoami(flags, await contextOf(command));
    });
}
