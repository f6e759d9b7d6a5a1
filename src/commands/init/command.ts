import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import { TOKEN_OPTION } from "../shared-options.js";
import type { InitFlags } from "./run.js";
import { examples } from "../help-text.js";

export function addInitCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("init")
    .description("connect the current directory to an Infisical project (writes .infisical.json)")
    .option("--project-id <id>", "the project to connect to (required without a terminal)")
    .option("--force", "overwrite an existing .infisical.json without asking")
    .option("--json", "print what was written as JSON")
    .option(...TOKEN_OPTION)
    .addHelpText(
      "after",
      examples(
        "\nExamples:\n  $ infisical init\n  $ infisical init --project-id 3f1c... --force   # in scripts",
      ),
    )
    .action(async (flags: InitFlags, command: Command) => {
      const { runInit } = await import("./run.js");
      await runInit(flags, await contextOf(command));
    });
}
