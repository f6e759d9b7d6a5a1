import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import { addCreateCommand } from "./create/command.js";
import { addDeleteCommand } from "./delete/command.js";
import { addExecCommand } from "./exec/command.js";
import { addListCommand } from "./list/command.js";
import { addMigrateCommand } from "./migrate/command.js";
import { addPruneCommand } from "./prune/command.js";
import { addRotateCommand } from "./rotate/command.js";
import { addViewCommand } from "./view/command.js";
import { registerSelected } from "../../command-selection.js";
import { examples } from "../help-text.js";

/** `subcommand`: the one to define, when the arguments name it for certain (else all). */
export function addServiceTokenCommands(
  program: Command,
  contextOf: ContextOf,
  subcommand?: string,
): void {
  const group = program
    .command("service-token")
    .description(
      "create, list, view, rotate, delete, prune and migrate service tokens; run a command with one",
    )
    .addHelpText(
      "after",
      examples("\nExample:\n  $ infisical service-token create --scope dev:/ --access-level read"),
    );
  registerSelected(
    {
      create: (g: Command) => addCreateCommand(g, contextOf),
      list: (g: Command) => addListCommand(g, contextOf),
      delete: (g: Command) => addDeleteCommand(g, contextOf),
      view: (g: Command) => addViewCommand(g, contextOf),
      rotate: (g: Command) => addRotateCommand(g, contextOf),
      prune: (g: Command) => addPruneCommand(g, contextOf),
      exec: (g: Command) => addExecCommand(g, contextOf),
      migrate: (g: Command) => addMigrateCommand(g, contextOf),
    },
    group,
    subcommand,
  );
}
