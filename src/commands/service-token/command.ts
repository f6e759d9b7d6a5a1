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
import { examples } from "../help-text.js";

export function addServiceTokenCommands(program: Command, contextOf: ContextOf): void {
  const group = program
    .command("service-token")
    .description(
      "create, list, view, rotate, delete, prune and migrate service tokens; run a command with one",
    )
    .addHelpText(
      "after",
      examples("\nExample:\n  $ infisical service-token create --scope dev:/ --access-level read"),
    );
  addCreateCommand(group, contextOf);
  addListCommand(group, contextOf);
  addDeleteCommand(group, contextOf);
  addViewCommand(group, contextOf);
  addRotateCommand(group, contextOf);
  addPruneCommand(group, contextOf);
  addExecCommand(group, contextOf);
  addMigrateCommand(group, contextOf);
}
