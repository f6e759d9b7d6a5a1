import { Option, type Command } from "commander";
import type { ContextOf } from "../../context.js";
import type { LoginFlags } from "./run.js";
import { examples } from "../help-text.js";

const EXAMPLES = `
Examples:
  # in a terminal: log in with the browser (or answer the prompts with --email)
  $ infisical login
  $ infisical login --email you@example.com

  # a self-hosted instance or the EU cloud
  $ infisical login --domain https://infisical.example.com
  $ infisical login --domain https://eu.infisical.com

  # in CI, without prompts
  $ echo "$INFISICAL_PASSWORD" | infisical login --email ci@example.com --password-stdin \\
      --organization-id 3f1c... --silent`;

export function addLoginCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("login")
    .description("log in to an Infisical instance and keep the session for this domain")
    .option("--email <email>", "account e-mail (env: INFISICAL_EMAIL)")
    .option(
      "--password <password>",
      "account password (env: INFISICAL_PASSWORD; visible to other local users, prefer --password-stdin)",
    )
    .option("--password-stdin", "read the password from standard input")
    .option("--organization-id <id>", "organization to log in to (env: INFISICAL_ORGANIZATION_ID)")
    .option("--mfa-code <code>", "multi-factor authentication code, when the account needs one")
    .option("--browser", "log in through the browser (the default in a terminal without --email)")
    .addOption(
      new Option(
        "--storage <where>",
        "where the login is kept: auto (the OS keyring when one answers, else the file), keyring or file (env: INFISICAL_SESSION_STORAGE)",
      ),
    )
    .addOption(new Option("--plain", "print only the access token on stdout").conflicts("json"))
    .option("--json", "print the session (without the token) as JSON")
    // The Go CLI's flags, hidden: a clear answer instead of "unknown option".
    .addOption(new Option("--method <method>").hideHelp())
    .addOption(new Option("--interactive").hideHelp())
    .addHelpText("after", examples(EXAMPLES))
    .action(async (flags: LoginFlags, command: Command) => {
      const { runLogin } = await import("./run.js");
      await runLogin(flags, await contextOf(command));
    });
}
