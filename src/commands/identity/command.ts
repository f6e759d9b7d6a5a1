import type { Command } from "commander";
import type { ContextOf } from "../../context.js";
import { registerSelected } from "../../command-selection.js";
import { examples } from "../help-text.js";
import { addIdentityDeleteCommand } from "./delete/command.js";
import { addIdentityListCommand } from "./list/command.js";
import { addIdentityViewCommand } from "./view/command.js";

/** `infisical identity list|view|delete`: the organization's machine identities. */
export function addIdentityCommands(
  program: Command,
  contextOf: ContextOf,
  subcommand?: string,
): void {
  const group = program
    .command("identity")
    .description("list, view and delete the organization's machine identities")
    .addHelpText(
      "after",
      examples(
        "\nExample:\n  $ infisical service-token migrate <id>    # makes one from a service token",
      ),
    );
  registerSelected(
    {
      list: (g: Command) => addIdentityListCommand(g, contextOf),
      view: (g: Command) => addIdentityViewCommand(g, contextOf),
      delete: (g: Command) => addIdentityDeleteCommand(g, contextOf),
    },
    group,
    subcommand,
  );
}
