import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import { examples } from "../help-text.js";
import type { StatusFlags } from "./run.js";

export function addStatusCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("status")
    .description("show every stored login and whether its server still accepts it")
    .option("--json", "print the logins as a JSON array, with valid and state for each")
    .addHelpText(
      "after",
      examples(
        `
Every login's server is asked at once, each within --timeout; a server is sent its own login and nothing else.

Exit codes: 0 every stored login is valid; 4 none is stored, or one is expired, refused or could not be checked.

Examples:
  $ infisical status
  $ infisical status --timeout 5 --json | jq -r '.[] | select(.valid | not) | .domain'`,
      ),
    )
    .action(async (flags: StatusFlags, command: Command) => {
      const { runStatus } = await import("./run.js");
      await runStatus(flags, await contextOf(command));
    });
}
