/**
 * The one object a command's run() receives: the runtime (streams, environment, clock,
 * prompts), the global options, and what follows from them (colours, the logger, whether a
 * person can be asked). Built once per run by cli.ts; tests build it from a runtime of their own.
 */
import type { ChalkInstance } from "chalk";
import type { Command } from "commander";
import { paintFor } from "./output/color.js";
import type { GuardedOutput } from "./output/guarded-streams.js";
import { createLogger, type Logger } from "./output/logger.js";
import { createRedactor } from "./output/redact.js";
import type { InputStream, OutputStream, Runtime } from "./runtime.js";
import type { Prompts } from "./auth/prompts.js";

export interface GlobalOptions {
  domain?: string | undefined;
  timeout: number;
  /** The whole command's time on the network, retries included. */
  deadline?: number;
  silent: boolean;
  debug: boolean;
  /** --no-input: never prompt. */
  noInput?: boolean;
}

export interface CommandContext extends Runtime {
  readonly globals: GlobalOptions;
  /** Colours for what goes to stderr (where people read narrative). */
  readonly paint: ChalkInstance;
  /** Colours for what goes to stdout: each stream decides for itself (a pipe gets none). */
  readonly paintOut: ChalkInstance;
  readonly logger: Logger;
  /** Both ends of the conversation are a terminal: questions may be asked. */
  readonly canPrompt: boolean;
  /**
   * Writes to stdout unredacted: only for the secret the user asked for (a token). `ifLost`:
   * what to tell the user if it cannot be delivered.
   */
  writeSecret(text: string, ifLost?: string): void;
  /** Masks credentials in text as every write of this run is masked. */
  redact(text: string): string;
  /** A value to mask wherever it would be written from now on (a typed password). */
  registerSecret(value: string | undefined): void;
}

/**
 * Reads the runtime only when asked: opening standard input costs a process about 2 ms, and
 * most commands never read it.
 */
class Context implements CommandContext {
  readonly logger: Logger;
  private stderrPaint: ChalkInstance | undefined;
  private stdoutPaint: ChalkInstance | undefined;

  constructor(
    private readonly runtime: Runtime,
    readonly globals: GlobalOptions,
    private readonly output: Pick<GuardedOutput, "secretStdout" | "redactor">,
  ) {
    this.logger = createLogger({
      stderr: runtime.stderr,
      paint: () => this.paint,
      silent: globals.silent,
      debug: globals.debug,
    });
  }

  /** Made on first use: a run that writes nothing coloured (--token-only, --json) never loads chalk. */
  get paint(): ChalkInstance {
    return (this.stderrPaint ??= paintFor(this.runtime.stderr, this.runtime.env));
  }
  get paintOut(): ChalkInstance {
    return (this.stdoutPaint ??= paintFor(this.runtime.stdout, this.runtime.env));
  }
  get platform(): NodeJS.Platform {
    return this.runtime.platform;
  }
  get env(): NodeJS.ProcessEnv {
    return this.runtime.env;
  }
  get cwd(): string {
    return this.runtime.cwd;
  }
  get stdin(): InputStream {
    return this.runtime.stdin;
  }
  get stdout(): OutputStream {
    return this.runtime.stdout;
  }
  get stderr(): OutputStream {
    return this.runtime.stderr;
  }
  get prompts(): Prompts {
    return this.runtime.prompts;
  }
  /** A person at a terminal who may be asked: not with --no-input, not in CI (CI=true or 1). */
  get canPrompt(): boolean {
    const ci = this.runtime.env.CI?.trim().toLowerCase();
    if (this.globals.noInput || ci === "true" || ci === "1") return false;
    return Boolean(this.runtime.stdin.isTTY && this.runtime.stderr.isTTY);
  }
  writeSecret(text: string, ifLost?: string): void {
    this.runtime.noteSecret?.(ifLost);
    this.output.secretStdout.write(text);
  }
  redact(text: string): string {
    return this.output.redactor.redact(text);
  }
  registerSecret(value: string | undefined): void {
    this.output.redactor.registerSecret(value);
  }
  noteInterrupt(note: string | undefined): void {
    this.runtime.noteInterrupt?.(note);
  }
  get takeStoppingSignals(): Runtime["takeStoppingSignals"] {
    return this.runtime.takeStoppingSignals?.bind(this.runtime);
  }
  // Properties, not methods: they are handed around on their own (the client's clock).
  readonly now = (): Date => this.runtime.now();
  readonly sleep = (ms: number): Promise<void> => this.runtime.sleep(ms);
}

/** `output`: the run's unredacted stdout and redactor (default: the runtime's stdout, a new one). */
export function createContext(
  runtime: Runtime,
  globals: GlobalOptions,
  output: Pick<GuardedOutput, "secretStdout" | "redactor"> = {
    secretStdout: runtime.stdout,
    redactor: createRedactor(),
  },
): CommandContext {
  return new Context(runtime, globals, output);
}

/** How a command's action gets its context. */
export type ContextOf = (command: Command) => Promise<CommandContext>;
