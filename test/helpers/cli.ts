import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const BIN = resolve(import.meta.dirname, "../../bin/infisical");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

export function tempDir(prefix = "infisical-ts-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A clean environment: nothing from the developer's shell (no INFISICAL_*, no real HOME), no
 * colour, and a private config directory unless the test gives one.
 */
export function baseEnv(home = tempDir()): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    INFISICAL_CONFIG_DIR: join(home, "config"),
    NO_COLOR: "1",
  };
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  /** Resolves with the first match of `pattern` in stderr (the CLI's narrative). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<CliResult>;
}

function cleanEnv(extra: RunOptions["env"]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...baseEnv(), ...extra })) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Starts the built CLI and lets the test talk to it while it runs. Stdin stays open. */
export function startCli(args: string[], options: RunOptions = {}): RunningCli {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? tempDir(),
    env: cleanEnv(options.env),
  });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      const match = stderr.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started });
    });
  });
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const match = stderr.match(pattern);
        if (match) return resolve(match);
        waiters.push({ pattern, resolve });
        done.then(
          () => reject(new Error(`CLI exited before printing ${pattern}: ${stderr}`)),
          reject,
        );
      }),
    done,
  };
}

/** Runs the built CLI as a user would, asynchronously so an in-process dev server can answer. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const running = startCli(args, options);
  running.child.stdin.end(options.input ?? "");
  return running.done;
}

/**
 * Runs the built CLI in a pseudo-terminal (util-linux `script`), so it sees a TTY and prompts,
 * and answers each prompt when its text appears. Returns everything the terminal showed.
 */
export async function runInTerminal(
  args: string[],
  steps: [RegExp, string][],
  options: RunOptions = {},
): Promise<{ code: number | null; screen: string }> {
  const quoted = [process.execPath, BIN, ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(" ");
  const child = spawn("script", ["-qfec", quoted, "/dev/null"], {
    cwd: options.cwd ?? tempDir(),
    env: { ...cleanEnv(options.env), TERM: "xterm", COLUMNS: "100", LINES: "40" },
  });
  let screen = "";
  let seen = 0;
  let step = 0;
  const advance = () => {
    while (step < steps.length) {
      const [pattern, answer] = steps[step] as [RegExp, string];
      const rest = screen.slice(seen);
      const match = pattern.exec(rest);
      if (!match) return;
      seen += match.index + match[0].length;
      step += 1;
      setTimeout(() => child.stdin.write(answer), 50);
    }
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    screen += chunk;
    advance();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  return { code, screen };
}
