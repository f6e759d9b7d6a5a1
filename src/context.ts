import type { ChalkInstance } from "chalk";
import type { Command } from "commander";
import { paintFor } from "./output/color.js";
import { createLogger, type Logger } from "./output/logger.js";

export interface GlobalOptions {
  domain?: string;
  timeout: number;
  silent: boolean;
  debug: boolean;
}

/** What a command needs from the outside world, handed over so tests and the CLI agree. */
export interface CommandContext {
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Colours for what goes to stderr (where people read narrative). */
  paint: ChalkInstance;
  logger: Logger;
  now: () => Date;
}

export function createContext(command: Command): CommandContext {
  const all = command.optsWithGlobals<Partial<GlobalOptions>>();
  const globals: GlobalOptions = {
    domain: all.domain,
    timeout: all.timeout ?? 30,
    silent: all.silent ?? false,
    debug: all.debug ?? false,
  };
  const paint = paintFor(process.stderr, process.env);
  return {
    globals,
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    paint,
    logger: createLogger({
      stderr: process.stderr,
      paint,
      silent: globals.silent,
      debug: globals.debug,
    }),
    now: () => new Date(),
  };
}
