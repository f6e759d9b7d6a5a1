/** Process-level wiring around main(): the real runtime, signals, broken pipes, flushing, the exit code. */
import { terminalPrompts, type Prompts } from "./auth/prompts.js";
import { main } from "./cli.js";
import { ExitCode } from "./errors.js";
import { sleep, type Runtime } from "./runtime.js";

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

/** The real process, read lazily: standard input and the prompts only when a command asks. */
export function processRuntime(): Runtime {
  let prompts: Prompts | undefined;
  return {
    env: process.env,
    cwd: process.cwd(),
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
    sleep,
    get prompts() {
      return (prompts ??= terminalPrompts(process.stdin, process.stderr));
    },
  };
}

export function run(argv: string[]): void {
  process.on("SIGINT", () => {
    process.stderr.write("\ninterrupted\n");
    process.exit(ExitCode.interrupted);
  });
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head -1`): nothing more to say, and no one to say it to.
    if (error.code === "EPIPE") process.exit(ExitCode.ok);
    throw error;
  });
  void main(argv, processRuntime()).then(async (exitCode) => {
    await Promise.all([flush(process.stdout), flush(process.stderr)]);
    process.exit(exitCode);
  });
}
