import { Option, type Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { DEFAULT_TOKEN_NAME } from "../../../core/flag-values.js";
import { TOKEN_OPTION } from "../../shared-options.js";
import { addExpiryOptions, addScopeOptions } from "../token-options.js";
import type { CreateFlags } from "./run.js";
import { examples } from "../../help-text.js";

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
  const create = group
    .command("create")
    .description("create a service token scoped to environments and paths of a project");
  addScopeOptions(create).option("-n, --name <name>", "name of the token", DEFAULT_TOKEN_NAME);
  addExpiryOptions(create, "86400")
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
