/**
 * Process-level wiring around main(): the real runtime, signals, output that cannot be
 * delivered, flushing, the exit code.
 */
import { terminalPrompts, type Prompts } from "./auth/prompts.js";
import { main } from "./cli.js";
import { ExitCode } from "./errors.js";
import { readerIsGone, stoppingSignals } from "./process-signals.js";
import { sleep, type Runtime } from "./runtime.js";

/** Resolves when what was written so far is handed over, with the error if it could not be. */
function flush(stream: NodeJS.WriteStream): Promise<Error | undefined> {
  return new Promise((resolve) => stream.write("", (error) => resolve(error ?? undefined)));
}

/** The real process, read lazily: standard input and the prompts only when a command asks. */
export function processRuntime(
  notes: Pick<Runtime, "noteSecret" | "noteInterrupt" | "takeStoppingSignals"> = {},
): Runtime {
  let prompts: Prompts | undefined;
  return {
    platform: process.platform,
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
    ...notes,
  };
}

export function run(argv: string[]): void {
  let secretNote: string | undefined;
  let interruptNote: string | undefined;
  let signalTaker: ((signal: NodeJS.Signals, terminalSentIt: boolean) => void) | undefined;
  const interrupted = (exitCode: number) => (signal: NodeJS.Signals) => {
    const taker = signalTaker;
    if (taker) {
      // A terminal's Ctrl-C goes to the whole foreground process group, the child included.
      // node:tty is loaded here, not at start: a command that runs no child never needs it.
      void import("node:tty").then(({ isatty }) =>
        taker(signal, signal !== "SIGTERM" && (isatty(0) || isatty(1) || isatty(2))),
      );
      return;
    }
    const note = interruptNote;
    // Exit once the message is out: terminal writes are asynchronous on Windows. A write that
    // never completes must not keep an interrupted command alive.
    setTimeout(() => process.exit(exitCode), 500);
    process.stderr.write(`\ninterrupted\n${note ? `  ${note}\n` : ""}`, () =>
      process.exit(exitCode),
    );
  };
  for (const [signal, exitCode] of stoppingSignals(process.platform, ExitCode))
    process.on(signal, interrupted(exitCode));
  const outputLost = (error: NodeJS.ErrnoException) => {
    if (secretNote) {
      // A token was created and shown nowhere: say so, or it is lost without a trace.
      process.stderr.write(`error: ${secretNote} (${error.code ?? error.message})\n`);
      process.exit(ExitCode.failure);
    }
    // The reader went away (`| head -1`): nothing more to say, and no one to say it to.
    if (readerIsGone(error.code)) process.exit(ExitCode.ok);
    process.stderr.write(
      `error: could not write to standard output: ${error.code ?? error.message}\n`,
    );
    process.exit(ExitCode.failure);
  };
  process.stdout.on("error", outputLost);
  const runtime = processRuntime({
    noteSecret: (note) => (secretNote = note),
    noteInterrupt: (note) => (interruptNote = note),
    takeStoppingSignals: (handler) => {
      signalTaker = handler;
      return () => {
        if (signalTaker === handler) signalTaker = undefined;
      };
    },
  });
  void main(argv, runtime).then(async (exitCode) => {
    const lost = await flush(process.stdout);
    if (lost) outputLost(lost);
    await flush(process.stderr);
    process.exit(exitCode);
  });
}
