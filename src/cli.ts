/**
 * The commander program. Kept light on purpose: a command's definition is loaded with the
 * program, its run() (and with it axios, zod, cosmiconfig) only when it runs. (`--help` and
 * `--version` are answered before this file is loaded: see entry.ts.)
 */
import { Command, CommanderError, InvalidArgumentError, type OutputConfiguration } from "commander";
import { addCompleteCommand } from "./commands/complete/command.js";
import { addCompletionCommand } from "./commands/completion/command.js";
import { addDevServerCommand } from "./commands/dev-server/command.js";
import { addIdentityCommands } from "./commands/identity/command.js";
import { addInitCommand } from "./commands/init/command.js";
import { addLoginCommand } from "./commands/login/command.js";
import { addLogoutCommand } from "./commands/logout/command.js";
import { addServiceTokenCommands } from "./commands/service-token/command.js";
import { addStatusCommand } from "./commands/status/command.js";
import { addWhoamiCommand } from "./commands/whoami/command.js";
import { createContext, type ContextOf, type GlobalOptions } from "./context.js";
import { ENVIRONMENT_HELP } from "./commands/help-environment.js";
import { registerSelected, selectedCommand } from "./command-selection.js";
import { CliError, ExitCode, ExitStatus } from "./errors.js";
import { HELP_COLUMNS, helpTopic } from "./fast-path.js";
import { guardOutput } from "./output/guarded-streams.js";
import type { Runtime } from "./runtime.js";
import { VERSION } from "./version.js";
import { examples } from "./commands/help-text.js";

/** The worst case of a command: 4 attempts of 30 s, or a minute of rate-limit waits, and more. */
const DEFAULT_DEADLINE_SECONDS = 180;
const MIN_TIMEOUT_SECONDS = 0.001;
const MAX_TIMEOUT_SECONDS = 3600;

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (
    !/^\d+(\.\d+)?$/.test(value.trim()) ||
    !(seconds >= MIN_TIMEOUT_SECONDS) ||
    seconds > MAX_TIMEOUT_SECONDS
  ) {
    throw new InvalidArgumentError(
      `use a number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}`,
    );
  }
  return seconds;
}

/** Never called while only help is printed (the build captures help without running anything). */
const noContext: ContextOf = () => Promise.reject(new Error("no runtime to run commands in"));

/**
 * `output`: where commander writes help, version and its errors (inherited by every command).
 * `selection`: the command path the arguments name for certain; only that part of the tree is
 * built (the whole tree without it).
 */
export function buildProgram(
  contextOf: ContextOf = noContext,
  output: OutputConfiguration = {},
  helpWidth = HELP_COLUMNS,
  selection: readonly string[] = [],
): Command {
  const program = new Command("infisical")
    .description("Create and manage Infisical service tokens")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option(
      "--domain <url>",
      "Infisical instance, e.g. https://app.infisical.com (env: INFISICAL_DOMAIN)",
    )
    .option("--timeout <seconds>", "per-request timeout in seconds", parseTimeout, 30)
    .option(
      "--deadline <seconds>",
      "time limit of the whole command on the network, retries included",
      parseTimeout,
      DEFAULT_DEADLINE_SECONDS,
    )
    .option("--silent", "hide notices and warnings (errors still print)")
    .option("--debug", "log HTTP requests and error causes to stderr, credentials redacted")
    .option("--no-input", "never prompt (also when CI is set): a missing value is an error")
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 20 })
    // 80 columns, or a narrower terminal's width: the 80-column text is prepared at build time.
    .configureOutput({
      ...output,
      getOutHelpWidth: () => helpWidth,
      getErrHelpWidth: () => helpWidth,
    })
    // Like every other error, commander's end with a hint.
    .showHelpAfterError("  hint: add --help for usage")
    .exitOverride()
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ infisical service-token create --scope dev:/ --access-level read
  $ TOKEN=$(infisical service-token create -s prod:/api -a read --expires-in 7d --token-only)

Exit codes: 0 ok, 1 failure, 2 usage error or cancelled, 4 authentication needed, 130 interrupted, 143 terminated; \`service-token exec\` passes on its command's own.`,
      ),
    );
  const [command, subcommand] = selection;
  registerSelected(
    {
      "service-token": (p: Command) => addServiceTokenCommands(p, contextOf, subcommand),
      login: (p: Command) => addLoginCommand(p, contextOf),
      logout: (p: Command) => addLogoutCommand(p, contextOf),
      whoami: (p: Command) => addWhoamiCommand(p, contextOf),
      status: (p: Command) => addStatusCommand(p, contextOf),
      identity: (p: Command) => addIdentityCommands(p, contextOf, subcommand),
      init: (p: Command) => addInitCommand(p, contextOf),
      "dev-server": (p: Command) => addDevServerCommand(p, contextOf),
      completion: (p: Command) => addCompletionCommand(p, contextOf),
      __complete: (p: Command) => addCompleteCommand(p, contextOf),
    },
    program,
    command,
  );
  return program;
}

function globalsOf(command: Command): GlobalOptions {
  const all = command.optsWithGlobals<Partial<GlobalOptions> & { input?: boolean }>();
  return {
    domain: all.domain,
    timeout: all.timeout ?? 30,
    deadline: all.deadline ?? DEFAULT_DEADLINE_SECONDS,
    silent: all.silent ?? false,
    debug: all.debug ?? false,
    noInput: all.input === false,
  };
}

async function reportError(error: unknown, runtime: Runtime, debug: boolean): Promise<number> {
  const [{ formatError }, { paintFor }, { isMinttyWithoutConsole }] = await Promise.all([
    import("./output/format-error.js"),
    import("./output/color.js"),
    import("./output/terminal-kind.js"),
  ]);
  const formatted = formatError(error, paintFor(runtime.stderr, runtime.env), debug, {
    minttyWithoutConsole:
      error instanceof CliError &&
      error.neededTerminal &&
      isMinttyWithoutConsole(runtime.platform, runtime.env, Boolean(runtime.stdin.isTTY)),
  });
  runtime.stderr.write(formatted.text);
  return formatted.exitCode;
}

/** Runs one command line to its end and returns the exit code; never exits the process. */
export async function main(argv: string[], processRuntime: Runtime): Promise<number> {
  // One redaction point: every write below goes through it, commander's own included.
  const guarded = guardOutput(processRuntime);
  const { runtime } = guarded;
  const contextOf: ContextOf = async (command) =>
    createContext(runtime, globalsOf(command), guarded);
  const writeErr = (text: string) => void runtime.stderr.write(text);
  const args = argv.slice(2);
  const topic = helpTopic(args);
  if (topic === "help environment") {
    runtime.stdout.write(ENVIRONMENT_HELP);
    return ExitCode.ok;
  }
  // `help <command>` is `<command> --help` (commander's own help command shows the group's).
  const parsed = args[0] === "help" ? [...argv.slice(0, 2), ...args.slice(1), "--help"] : argv;
  const columns = runtime.stdout.isTTY ? runtime.stdout.columns : undefined;
  const program = buildProgram(
    contextOf,
    { writeOut: (text) => void runtime.stdout.write(text), writeErr, outputError: writeErr },
    Math.min(columns ?? HELP_COLUMNS, HELP_COLUMNS),
    selectedCommand(parsed.slice(2)) ?? [],
  );
  try {
    await program.parseAsync(parsed);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof ExitStatus) return error.exitCode;
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help/version text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof Error && error.name === "ExitPromptError") {
      // Ctrl-C at a prompt.
      runtime.stderr.write("\ninterrupted\n");
      return ExitCode.interrupted;
    }
    return reportError(error, runtime, argv.includes("--debug"));
  }
}
