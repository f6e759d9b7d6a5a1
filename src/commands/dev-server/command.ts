import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import type { DevServerFlags } from "./run.js";
import { examples } from "../help-text.js";

export function addDevServerCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("dev-server")
    .description("run an in-memory Infisical server for trying the CLI and testing scripts offline")
    .option("--port <port>", "port to listen on (0 = any free port)", "0")
    .option(
      "--host <address>",
      "address to listen on (anything but loopback is reachable from other machines)",
      "127.0.0.1",
    )
    .option("--json", "print the start information as one JSON line")
    .option("--mfa", "require an MFA code at login (the code is printed)")
    .option("--seed <file>", "JSON file with extra users, projects, environments and secrets")
    .option("--legacy", "behave like an older server (token list only at /api/v1/workspace/)")
    .option(
      "--privilege-delay <seconds>",
      "apply identities' new privileges this late, as a real server may (about 10)",
    )
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ infisical dev-server
  $ infisical dev-server --port 8080 --mfa
  $ infisical dev-server --json | head -1 | jq -r .url     # in a script

Seed file (JSON; serviceTokens: extra tokens in the demo project):
  {
    "users": [
      { "email": "ci@example.com", "password": "pw" }
    ],
    "projects": [
      { "name": "Payments", "environments": ["dev", "prod"],
        "secrets": { "dev:/": { "API_KEY": "abc" } } }
    ],
    "organizations": [
      { "name": "Other Org", "projects": [{ "name": "Elsewhere" }] }
    ],
    "serviceTokens": 1000
  }

It answers like a real Infisical server (recorded exchanges are replayed in its tests), with one difference: a token's lastUsed is written at once, where the real server writes it about a minute after the token was used.`,
      ),
    )
    .action(async (flags: DevServerFlags, command: Command) => {
      const { runDevServer } = await import("./run.js");
      await runDevServer(flags, await contextOf(command));
    });
}
