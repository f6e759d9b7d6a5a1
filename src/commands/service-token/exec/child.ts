import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Runtime } from "../../../runtime.js";

export type ChildOutcome =
  | { kind: "exited"; code: number }
  | { kind: "signalled"; signal: NodeJS.Signals }
  | { kind: "not-started"; error: NodeJS.ErrnoException };

/** The exit code a shell would give: the child's own, or 128 + n for a signal. */
export function exitCodeOf(outcome: ChildOutcome): number {
  if (outcome.kind === "exited") return outcome.code;
  if (outcome.kind === "signalled") return 128 + (constants.signals[outcome.signal] ?? 0);
  return outcome.error.code === "ENOENT" ? 127 : 126;
}

/**
 * Runs the command with this process's standard streams, so it works in pipelines and at a
 * terminal alike. While it runs, the signals that would stop this process are passed on to it
 * (unless the terminal already delivered them to its process group), and this process waits for
 * it to end, however it ends.
 */
export function runChild(
  file: string,
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd: string;
    takeStoppingSignals: Runtime["takeStoppingSignals"];
  },
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    let release: (() => void) | undefined;
    const end = (outcome: ChildOutcome) => {
      release?.();
      resolve(outcome);
    };
    const child = spawn(file, args, { stdio: "inherit", env: options.env, cwd: options.cwd });
    child.once("error", (error: NodeJS.ErrnoException) => {
      // Also emitted when a signal cannot be delivered: only a child that never started ends here.
      if (child.pid === undefined) end({ kind: "not-started", error });
    });
    child.once("exit", (code, signal) =>
      end(signal ? { kind: "signalled", signal } : { kind: "exited", code: code ?? 1 }),
    );
    if (child.pid !== undefined) {
      release = options.takeStoppingSignals?.((signal, terminalSentIt) => {
        if (!terminalSentIt) child.kill(signal);
      });
    }
  });
}
