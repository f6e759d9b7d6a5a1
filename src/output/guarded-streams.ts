import type { OutputStream, Runtime } from "../runtime.js";
import { createRedactor, type Redactor } from "./redact.js";

/** A terminal's cursor controls (a spinner draws with them); they carry no text. */
const CURSOR_CONTROLS = ["cursorTo", "moveCursor", "clearLine"] as const;

/** A stream whose every write is redacted first (terminal facts and cursor controls pass through). */
export function redacting(stream: OutputStream, redactor: Redactor): OutputStream {
  const guarded: OutputStream & Record<string, unknown> = {
    write: (text: string) => stream.write(redactor.redact(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
  for (const control of CURSOR_CONTROLS) {
    const method = (stream as unknown as Record<string, unknown>)[control];
    if (typeof method === "function") guarded[control] = method.bind(stream);
  }
  return guarded;
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
      platform: runtime.platform,
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
      noteInterrupt: (note) => runtime.noteInterrupt?.(note),
      ...(runtime.takeStoppingSignals
        ? { takeStoppingSignals: runtime.takeStoppingSignals.bind(runtime) }
        : {}),
    },
    secretStdout: runtime.stdout,
    redactor,
  };
}
