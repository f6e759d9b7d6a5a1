import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import type { ViewFlags } from "./run.js";
import { examples } from "../../help-text.js";

export function addViewCommand(group: Command, contextOf: ContextOf): void {
  group
    .command("view")
    .description("show what a service token can do: name, project, scopes, access, expiry")
    .argument(
      "[token]",
      "the service token, or - to read it from standard input (default: INFISICAL_TOKEN)",
    )
    .option("--json", "print the details as JSON")
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ infisical service-token view -  < token.txt       # keeps the token out of shell history
  $ INFISICAL_TOKEN=st.… infisical service-token view --json
  PS> $env:INFISICAL_TOKEN = "st.…"; infisical service-token view --json`,
      ),
    )
    .action(async (token: string | undefined, flags: ViewFlags, command: Command) => {
      const { runView } = await import("./run.js");
      await runView(token, flags, await contextOf(command));
    });
}
