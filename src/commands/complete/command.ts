import { Argument, type Command } from "commander";
import type { ContextOf } from "../../context.js";
import { COMPLETABLE } from "./completable.js";
import type { Completable } from "./run.js";

/**
 * `infisical __complete <what>`: called by the completion scripts with --silent and a short
 * --timeout and --deadline, so a slow or absent server costs the shell at most a second.
 */
export function addCompleteCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("__complete", { hidden: true })
    .addArgument(new Argument("<what>").choices(COMPLETABLE))
    .action(async (what: Completable, _flags: unknown, command: Command) => {
      const { runComplete } = await import("./run.js");
      await runComplete(what, await contextOf(command));
    });
}
