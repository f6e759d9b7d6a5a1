import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import type { LogoutFlags } from "./run.js";

export function addLogoutCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("logout")
    .description("forget the stored login for the domain (or for every domain with --all)")
    .option("--all", "forget the logins for every domain")
    .option("--json", "print what was removed as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ infisical logout\n  $ infisical logout --domain https://infisical.example.com\n  $ infisical logout --all",
    )
    .action(async (flags: LogoutFlags, command: Command) => {
      const { runLogout } = await import("./run.js");
      await runLogout(flags, await contextOf(command));
    });
}
