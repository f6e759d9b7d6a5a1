/**
 * Runs a command line in this process, as the binary would (main() with argv), but with a
 * runtime made here: captured stdout and stderr, the given environment, working directory and
 * standard input, scripted answers to prompts, and optionally a fake clock. No build, no
 * process: what only a process shows (exit by signal, flushing, start-up) is tested in e2e/.
 */
import { Readable } from "node:stream";
import type { Prompts } from "../../src/auth/prompts.js";
import { main } from "../../src/cli.js";
import type { Runtime } from "../../src/runtime.js";
import { cleanEnv, tempDir, type CliResult, type RunOptions } from "./env.js";

// The HTTP client takes proxies from the process environment (as Node itself takes its CA
// certificates): a developer's proxy must not reach the in-process tests (e2e/tls tests proxies).
for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"]) {
  delete process.env[name];
  delete process.env[name.toLowerCase()];
}

/** A stream that keeps what is written, for the test to read (and to wait for). */
export class CapturedOutput {
  text = "";
  private readonly waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    for (const waiter of [...this.waiters]) {
      const match = this.text.match(waiter.pattern);
      if (match) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
    return true;
  }
  /** The first match of `pattern` in what was written, as soon as it is there. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    const match = this.text.match(pattern);
    return match
      ? Promise.resolve(match)
      : new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}

/** One answer per expected question, in order; a question beyond them fails the test. */
export type PromptAnswer =
  | { text: string }
  | { secret: string }
  | { choose: (choices: { name: string; value: unknown }[]) => unknown }
  | { confirm: boolean };

export interface InProcessOptions extends RunOptions {
  /**
   * Stdin, stdout and stderr are a terminal (prompts may be asked); stdout this wide.
   * `stdoutPiped`: stdout goes to a pipe or file instead (`whoami > f` typed in a terminal).
   */
  terminal?: { columns: number; stdoutPiped?: boolean };
  answers?: PromptAnswer[];
  /** Standard input the test writes to while the command runs (instead of `input`). */
  stdin?: NodeJS.ReadableStream;
  now?: () => Date;
  /** The operating system the command believes it runs on (default: this one). */
  platform?: NodeJS.Platform;
  /** Replaces the waits between retries (default: real waits). */
  sleep?: (ms: number) => Promise<void>;
}

export interface InProcessResult extends CliResult {
  /** The questions asked, in order. */
  questions: string[];
}

function scriptedPrompts(answers: PromptAnswer[], questions: string[]): Prompts {
  const next = <K extends string>(message: string, key: K) => {
    questions.push(message);
    const answer = answers.shift();
    if (!answer || !(key in answer))
      throw new Error(`unexpected question ${JSON.stringify(message)} (wanted ${key})`);
    return answer as Extract<PromptAnswer, Record<K, unknown>>;
  };
  return {
    text: async (message) => next(message, "text").text,
    secret: async (message) => next(message, "secret").secret,
    choice: async (message, choices) => next(message, "choose").choose(choices) as never,
    confirm: async (message) => next(message, "confirm").confirm,
  };
}

export interface RunningInProcess {
  output(): { stdout: string; stderr: string };
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<InProcessResult>;
}

/** Starts a command line and lets the test talk to it (HTTP, files) while it runs. */
export function startInProcess(args: string[], options: InProcessOptions = {}): RunningInProcess {
  const started = Date.now();
  const tty = options.terminal !== undefined;
  const stdin = Object.assign(options.stdin ?? Readable.from([options.input ?? ""]), {
    isTTY: tty,
  });
  const stdout = options.terminal?.stdoutPiped
    ? new CapturedOutput(false)
    : new CapturedOutput(tty, options.terminal?.columns);
  const stderr = new CapturedOutput(tty, options.terminal?.columns);
  const questions: string[] = [];
  const runtime: Runtime = {
    platform: options.platform ?? process.platform,
    env: cleanEnv(options.env),
    cwd: options.cwd ?? tempDir(),
    stdin,
    stdout,
    stderr,
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    prompts: scriptedPrompts([...(options.answers ?? [])], questions),
  };
  const done = main(["node", "infisical", ...args], runtime).then((code) => ({
    code,
    signal: null,
    stdout: stdout.text,
    stderr: stderr.text,
    durationMs: Date.now() - started,
    questions,
  }));
  return {
    output: () => ({ stdout: stdout.text, stderr: stderr.text }),
    waitForStderr: (pattern) =>
      Promise.race([
        stderr.waitFor(pattern),
        done.then(() => {
          throw new Error(`the command ended before printing ${pattern}: ${stderr.text}`);
        }),
      ]),
    done,
  };
}

export function runInProcess(
  args: string[],
  options: InProcessOptions = {},
): Promise<InProcessResult> {
  return startInProcess(args, options).done;
}
