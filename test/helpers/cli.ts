/**
 * Runs the built CLI (bin/ and dist/) as a user would, in a process of its own. Importing this
 * module fails when dist/ was built from other sources than the checkout's: a spawned test must
 * never pass against a stale build.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { resolve } from "node:path";
import { staleBuildReason } from "./stale-build.js";
import { cleanEnv, tempDir, type CliResult, type RunOptions } from "./env.js";

export { baseEnv, tempDir, type CliResult, type RunOptions } from "./env.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = resolve(ROOT, "bin/infisical");

const stale = staleBuildReason(ROOT);
if (stale)
  throw new Error(`${stale}: run \`npm run build\` (npm test does) before the spawned tests`);

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  /** Resolves with the first match of `pattern` in stderr (the CLI's narrative). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<CliResult>;
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
 * Runs the built CLI in a pseudo-terminal (util-linux `script`) of `columns` columns, so it sees a
 * TTY and prompts, and answers each prompt when its text appears. Returns everything the
 * terminal showed.
 */
export async function runInTerminal(
  args: string[],
  steps: [RegExp, string][],
  options: RunOptions & { columns?: number } = {},
): Promise<{ code: number | null; screen: string }> {
  const quoted = [process.execPath, BIN, ...args]
    .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
    .join(" ");
  const columns = options.columns ?? 100;
  const child = spawn(
    "script",
    ["-qfec", `stty cols ${columns} rows 40; exec ${quoted}`, "/dev/null"],
    {
      cwd: options.cwd ?? tempDir(),
      env: { ...cleanEnv(options.env), TERM: "xterm" },
    },
  );
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
