import { Option, type Command } from "commander";
import type { ContextOf } from "../../../context.js";
import {
  ACCESS_LEVELS,
  DEFAULT_TOKEN_NAME,
  DURATION_EXAMPLES,
  listInWords,
} from "../../../core/flag-values.js";
import { PROJECT_ID_OPTION, projectIdAlias, TOKEN_OPTION } from "../../shared-options.js";
import type { CreateFlags } from "./run.js";
import { examples } from "../../help-text.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

const EXAMPLES = `
Examples:
  # read-only token for the root folder of dev, valid for one day (the default)
  $ infisical service-token create --scope dev:/ --access-level read

  # every folder of dev: '**' reaches the folders below (quote it for the shell)
  $ infisical service-token create --scope 'dev:/**' --access-level read

  # several scopes, read and write, a name, and a week of validity
  $ infisical service-token create -s 'dev:/backend/**' -s staging:/backend -a read,write \\
      -n "backend CI" --expires-in 7d

  # capture only the token in a script, e.g. to store it as a CI secret
  $ infisical service-token create -s prod:/ -a read --token-only | gh secret set INFISICAL_TOKEN

  # the same in PowerShell, into a variable
  PS> $token = infisical service-token create -s prod:/ -a read --token-only

  # check what would be sent, without creating anything
  $ infisical service-token create -s dev:/ -a read --dry-run`;

export function addCreateCommand(group: Command, contextOf: ContextOf): void {
  group
    .command("create")
    .description("create a service token scoped to environments and paths of a project")
    .option(
      "-s, --scope <env:path>",
      "environment and folder the token may use: dev:/ is the root folder only, dev:/** every folder (repeatable, comma-separated)",
      collect,
    )
    .option(
      "-a, --access-level <level>",
      `${listInWords(ACCESS_LEVELS)} (repeatable, comma-separated)`,
      collect,
    )
    .option(...PROJECT_ID_OPTION)
    .addOption(projectIdAlias())
    .option("-n, --name <name>", "name of the token", DEFAULT_TOKEN_NAME)
    .option(
      "-e, --expiry-seconds <seconds>",
      "seconds until the token expires, 0 = never (default: 86400)",
    )
    .option("--expires-in <duration>", `expiry as a duration: ${listInWords(DURATION_EXAMPLES)}`)
    .addOption(
      new Option("--token-only", "print only the token, for scripts").conflicts(["json", "dryRun"]),
    )
    .option("--json", "print the result as one JSON object")
    .option("--dry-run", "check everything and show the request, without creating a token")
    .option(...TOKEN_OPTION)
    .addHelpText("after", examples(EXAMPLES))
    .action(async (flags: CreateFlags, command: Command) => {
      const { runCreate } = await import("./run.js");
      await runCreate(flags, await contextOf(command));
    });
}
