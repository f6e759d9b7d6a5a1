import type { Command } from "commander";

export interface LogoutFlags {
  all?: boolean;
  json?: boolean;
}

export interface WhoamiFlags {
  json?: boolean;
}

export function addSessionCommands(program: Command): void {
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
      const { runLogout } = await import("./session-actions.js");
      await runLogout(flags, command);
    });

  program
    .command("whoami")
    .description("show who is logged in to the domain, and until when")
    .option("--json", "print domain, email, organization and expiry as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ infisical whoami\n  $ infisical whoami --json | jq -r .expiresAt",
    )
    .action(async (flags: WhoamiFlags, command: Command) => {
      const { runWhoami } = await import("./session-actions.js");
      await runWhoami(flags, command);
    });
}
