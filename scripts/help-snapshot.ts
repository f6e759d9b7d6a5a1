// Build step: prints, as JSON, exactly what `infisical <command> --help` prints for every command,
// keyed by the command path ("" for the program itself). Embedded into the entry for a fast start.
import type { Command } from "commander";
import { buildProgram } from "../src/cli.js";
import { ENVIRONMENT_HELP } from "../src/commands/help-environment.js";

const helps: Record<string, string> = {};
function collect(command: Command, path: string[]): void {
  let text = "";
  command.configureOutput({
    writeOut: (chunk) => (text += chunk),
    writeErr: (chunk) => (text += chunk),
  });
  command.outputHelp();
  helps[path.join(" ")] = text;
  for (const sub of command.commands) {
    if (sub.name() !== "help") collect(sub, [...path, sub.name()]);
  }
}
collect(buildProgram(), []);
helps["help environment"] = ENVIRONMENT_HELP;
process.stdout.write(JSON.stringify(helps));
