import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import type { WhoamiFlags } from "./run.js";
import { examples } from "../help-text.js";

export function addWhoamiCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("whoami")
    .description("show who is logged in to the domain, and until when (checked with the server)")
    .option("--offline", "answer from the stored login alone, without asking the server")
    .option("--json", "print domain, email, organization and expiry as JSON")
    .addHelpText(
      "after",
      examples(
        `
Exit codes: 0 logged in, 4 not logged in, expired, revoked or locked.

Examples:
  $ infisical whoami
  $ infisical whoami --json | jq -r .expiresAt
  $ infisical whoami --offline      # no network: what this machine has stored`,
      ),
    )
    .action(async (flags: WhoamiFlags, command: Command) => {
      const { runWhoami } = await import("./run.js");
      await runWhoami(flags, await contextOf(command));
    });
}
