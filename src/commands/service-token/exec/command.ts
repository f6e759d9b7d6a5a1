import type { Command } from "commander";
import type { ContextOf } from "../../../context.js";
import { TOKEN_OPTION } from "../../shared-options.js";
import { examples } from "../../help-text.js";
import { addExpiryOptions, addScopeOptions, collect } from "../token-options.js";
import type { ExecFlags } from "./run.js";

export function addExecCommand(group: Command, contextOf: ContextOf): void {
  const exec = group
    .command("exec")
    .description("run a command with a new token in its environment, deleted when it ends")
    .argument("<command...>", "the command and its arguments, after --");
  addScopeOptions(exec).option(
    "-n, --name <name>",
    'name of the token (default: "exec <command>")',
  );
  addExpiryOptions(exec, "3600, one hour")
    .option(
      "--env <name>",
      "also give the token as this variable (repeatable), e.g. TF_VAR_infisical_token",
      collect,
    )
    .option("--keep", "leave the token when the command ends (its expiry is then the bound)")
    .option(...TOKEN_OPTION)
    .addHelpText(
      "after",
      examples(
        `
The token is in INFISICAL_TOKEN (and each --env name) for the command only: never printed, never on a command line. It is deleted when the command ends, however it ends; Ctrl-C and SIGTERM are passed on to the command, and the exit code is the command's (128+n for signal n).

Examples:
  $ infisical service-token exec -s prod:/ -a read -- ./deploy.sh
  $ infisical service-token exec -s 'prod:/**' -a read \\
      --env TF_VAR_infisical_token -- terraform apply
  $ infisical service-token exec -s dev:/ -a read -- npm run integration-test`,
      ),
    )
    .action(async (command: string[], flags: ExecFlags, cmd: Command) => {
      const { runExec } = await import("./run.js");
      await runExec(command, flags, await contextOf(cmd));
    });
}
