/**
 * The one object a command's run() receives: the runtime (streams, environment, clock,
 * prompts), the global options, and what follows from them (colours, the logger, whether a
 * person can be asked, an API client for a domain). Built once per run by cli.ts; tests build
 * it from a runtime of their own.
 */
import type { ChalkInstance } from "chalk";
import type { Command } from "commander";
import type { ApiClient, ClientTarget } from "./api/client.js";
import { paintFor } from "./output/color.js";
import { createLogger, type Logger } from "./output/logger.js";
import type { Runtime } from "./runtime.js";

export interface GlobalOptions {
  domain?: string | undefined;
  timeout: number;
  silent: boolean;
  debug: boolean;
}

export interface CommandContext extends Runtime {
  globals: GlobalOptions;
  /** Colours for what goes to stderr (where people read narrative). */
  paint: ChalkInstance;
  logger: Logger;
  /** Both ends of the conversation are a terminal: questions may be asked. */
  canPrompt: boolean;
  /** An API client for a domain, with this run's timeout, logger and clock. */
  createClient(target: ClientTarget): Promise<ApiClient>;
}

export function createContext(runtime: Runtime, globals: GlobalOptions): CommandContext {
  const paint = paintFor(runtime.stderr, runtime.env);
  const logger = createLogger({
    stderr: runtime.stderr,
    paint,
    silent: globals.silent,
    debug: globals.debug,
  });
  return {
    ...runtime,
    globals,
    paint,
    logger,
    canPrompt: Boolean(runtime.stdin.isTTY && runtime.stderr.isTTY),
    async createClient(target) {
      // The HTTP stack loads only for commands that send something.
      const { ApiClient } = await import("./api/client.js");
      return new ApiClient({
        ...target,
        timeoutSeconds: globals.timeout,
        logger,
        sleep: runtime.sleep,
      });
    },
  };
}

/** How a command's action gets its context (loaded on demand, so --help stays light). */
export type ContextOf = (command: Command) => Promise<CommandContext>;
