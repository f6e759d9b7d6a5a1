import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { examples } from "../../help-text.js";
import { addProjectAccessOptions } from "../../shared-options.js";
import type { MigrateFlags } from "./run.js";

export function addMigrateCommand(group: Command, contextOf: ContextOf): void {
  const migrate = group
    .command("migrate")
    .description("turn a service token into a machine identity with exactly its reach")
    .argument("<id>", "the token's id, whole or its unique beginning (see `service-token list`)")
    .option("--name <name>", "the identity's name (default: the token's)")
    .option(
      "--access-token-ttl <ttl>",
      "lifetime of the identity's access tokens, a duration (default: 1h)",
    )
    .option(
      "--access-token-max-ttl <ttl>",
      "longest an access token can be renewed to (default: 30d)",
    )
    .option(
      "--client-secret-ttl <ttl>",
      "lifetime of the client secret (default: what the token had left; never for a token that never expires)",
    )
    .option(
      "--delete-token",
      "delete the service token once the identity is proven to read its scopes",
    )
    .option("--dry-run", "show every request, without sending any")
    .option(
      "--json",
      "print the identity, its client id and client secret and what was checked as JSON",
    );
  addProjectAccessOptions(migrate)
    .addHelpText(
      "after",
      examples(
        `
It creates an identity (organization role no-access) with Universal Auth, a client secret, a project membership with role no-access and one additional privilege per access level with the rules the server builds for the token's scopes; logs in as the identity and reads one folder of each scope (waiting while the server applies the privileges); and prints the client id and secret once. If any step fails, the identity is deleted (with everything under it) and the token is left alone; the token is deleted only with --delete-token, and only after the read check passed.

Examples:
  $ infisical service-token migrate 59a7cc6d --dry-run
  $ infisical service-token migrate 59a7cc6d --json > identity.json
  $ infisical service-token migrate 59a7cc6d --delete-token`,
      ),
    )
    .action(async (id: string, flags: MigrateFlags, command: Command) => {
      const { runMigrate } = await import("./run.js");
      await runMigrate(id, flags, await contextOf(command));
    });
}
