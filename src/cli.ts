/**
 * The commander program. Kept light on purpose: `--help` and `--version` load only commander;
 * each command's action imports what it needs (axios, zod, cosmiconfig) when it runs.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ExitCode } from "./errors.js";
import { addCompletionCommand } from "./commands/completion.js";
import { addDevServerCommand } from "./commands/dev-server.js";
import { addInitCommand } from "./commands/init.js";
import { addLoginCommand } from "./commands/login.js";
import { addServiceTokenCommands } from "./commands/service-token/index.js";
import { addSessionCommands } from "./commands/session-commands.js";
import { VERSION } from "./version.js";

const HELP_WIDTH = 80;

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0) || seconds > 3600) {
    throw new InvalidArgumentError("use a number of seconds from 0.001 to 3600");
  }
  return seconds;
}

export function buildProgram(): Command {
  const program = new Command("infisical")
    .description("Create and manage Infisical service tokens")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option(
      "--domain <url>",
      "Infisical instance, e.g. https://app.infisical.com (env: INFISICAL_DOMAIN)",
    )
    .option("--timeout <seconds>", "per-request timeout in seconds", parseTimeout, 30)
    .option("--silent", "hide notices and warnings (errors still print)")
    .option("--debug", "log HTTP requests and error causes to stderr, credentials redacted")
    .configureHelp({ showGlobalOptions: true })
    // A fixed width: help reads the same everywhere, and can be prepared at build time.
    .configureOutput({ getOutHelpWidth: () => HELP_WIDTH, getErrHelpWidth: () => HELP_WIDTH })
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .addHelpText(
      "after",
      `
Examples:
  $ infisical service-token create --scope dev:/ --access-level read
  $ TOKEN=$(infisical service-token create -s prod:/api -a read --expires-in 7d --token-only)

Exit codes: 0 ok, 1 failure, 2 usage error, 4 authentication needed, 130 interrupted.`,
    );
  addServiceTokenCommands(program);
  addLoginCommand(program);
  addSessionCommands(program);
  addInitCommand(program);
  addDevServerCommand(program);
  addCompletionCommand(program);
  return program;
}

async function reportError(error: unknown, debug: boolean): Promise<number> {
  const [{ formatError }, { paintFor }] = await Promise.all([
    import("./output/format-error.js"),
    import("./output/color.js"),
  ]);
  const formatted = formatError(error, paintFor(process.stderr, process.env), debug);
  process.stderr.write(formatted.text);
  return formatted.exitCode;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help/version text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof Error && error.name === "ExitPromptError") {
      // Ctrl-C at a prompt.
      process.stderr.write("\ninterrupted\n");
      return ExitCode.interrupted;
    }
    return reportError(error, argv.includes("--debug"));
  }
}
