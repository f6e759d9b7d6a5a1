import type { OutputStream, Runtime } from "../runtime.js";
import { createRedactor, type Redactor } from "./redact.js";

/** A stream whose every write is redacted first (terminal facts pass through). */
export function redacting(stream: OutputStream, redactor: Redactor): OutputStream {
  return {
    write: (text: string) => stream.write(redactor.redact(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** The runtime a run works with, and what bypasses or feeds its redaction. */
export interface GuardedOutput {
  runtime: Runtime;
  /** The unredacted stdout, for the one thing a user asks to see: a token. */
  secretStdout: OutputStream;
  /** This run's redactor: secrets registered with it (a typed password) are masked everywhere. */
  redactor: Redactor;
}

/**
 * stdout and stderr redacted; everything else read through, and only when asked (standard
 * input is not opened for nothing).
 */
export function guardOutput(runtime: Runtime): GuardedOutput {
  const redactor = createRedactor();
  return {
    runtime: {
      env: runtime.env,
      cwd: runtime.cwd,
      get stdin() {
        return runtime.stdin;
      },
      stdout: redacting(runtime.stdout, redactor),
      stderr: redacting(runtime.stderr, redactor),
      now: runtime.now,
      sleep: runtime.sleep,
      get prompts() {
        return runtime.prompts;
      },
      noteSecret: (note) => runtime.noteSecret?.(note),
    },
    secretStdout: runtime.stdout,
    redactor,
  };
}
