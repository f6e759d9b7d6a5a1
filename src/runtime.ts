/**
 * What a run of the CLI gets from the process it lives in, gathered in one place so that
 * nothing below reads `process.*` itself: the binary passes the real process (processRuntime),
 * tests pass streams and an environment of their own (test/helpers/in-process.ts).
 */
import type { Prompts } from "./auth/prompts.js";

/** Where output goes: a terminal, a pipe or a file, or a string buffer in a test. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
}

export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean };

export interface Runtime {
  /** The operating system, for the few decisions that depend on it (tests pretend others). */
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  now(): Date;
  /** Waits between retries (tests may make it instant and record the waits). */
  sleep(ms: number): Promise<void>;
  /** Questions for the person at the terminal (asked only when canPrompt says so). */
  prompts: Prompts;
  /**
   * What to say if the secret just written to stdout cannot be delivered (a full disk, a reader
   * that went away): only a process can tell, after the fact (bin.ts).
   */
  noteSecret?(note: string | undefined): void;
  /** What to say if the process is interrupted now (a create on its way), or undefined. */
  noteInterrupt?(note: string | undefined): void;
  /**
   * While a child process runs (exec), the signals that would stop this process (Ctrl-C,
   * SIGTERM, Ctrl-Break) go to `handler` instead; the returned function gives them back.
   * `terminalSentIt`: Ctrl-C while a terminal is attached, which reached the child's process
   * group (and so the child) already. Only a process can do this (bin.ts).
   */
  takeStoppingSignals?(
    handler: (signal: NodeJS.Signals, terminalSentIt: boolean) => void,
  ): () => void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
