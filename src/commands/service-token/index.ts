import type { Command } from "commander";
import { addCreateCommand } from "./create.js";
import { addManageCommands } from "./manage.js";

export function addServiceTokenCommands(program: Command): void {
  const group = program
    .command("service-token")
    .description("create, list, view and delete service tokens")
    .addHelpText(
      "after",
      "\nExample:\n  $ infisical service-token create --scope dev:/ --access-level read",
    );
  addCreateCommand(group);
  addManageCommands(group);
}
