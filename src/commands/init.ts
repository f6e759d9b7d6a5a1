import type { Command } from "commander";
import { TOKEN_OPTION } from "./shared-options.js";

export interface InitFlags {
  projectId?: string;
  force?: boolean;
  json?: boolean;
  token?: string;
}

export function addInitCommand(program: Command): void {
  program
    .command("init")
    .description("connect the current directory to an Infisical project (writes .infisical.json)")
    .option("--project-id <id>", "the project to connect to (required without a terminal)")
    .option("--force", "overwrite an existing .infisical.json without asking")
    .option("--json", "print what was written as JSON")
    .option(...TOKEN_OPTION)
    .addHelpText(
      "after",
      "\nExamples:\n  $ infisical init\n  $ infisical init --project-id 3f1c... --force   # in scripts",
    )
    .action(async (flags: InitFlags, command: Command) => {
      const { runInit } = await import("./init-action.js");
      await runInit(flags, command);
    });
}
