import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import type { LogoutFlags } from "./run.js";
import { examples } from "../help-text.js";

export function addLogoutCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("logout")
    .description(
      "forget the stored login for the domain on this machine (--everywhere ends the session on the server too)",
    )
    .option("--all", "forget the logins for every domain")
    .option("--everywhere", "also sign out on the server: every session of the user ends")
    .option("-y, --yes", "do not ask before signing out everywhere (required without a terminal)")
    .option("--json", "print what was removed as JSON")
    .addHelpText(
      "after",
      examples(
        `
A plain logout forgets the login on this machine only: the session stays valid on the server
until it expires. --everywhere revokes every session of the user (all devices and tools).

Examples:
  $ infisical logout
  $ infisical logout --domain https://infisical.example.com
  $ infisical logout --all
  $ infisical logout --everywhere`,
      ),
    )
    .action(async (flags: LogoutFlags, command: Command) => {
      const { runLogout } = await import("./run.js");
      await runLogout(flags, await contextOf(command));
    });
}
