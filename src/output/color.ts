import { Chalk, type ChalkInstance } from "chalk";

/** Colour only on a TTY; NO_COLOR turns it off and FORCE_COLOR turns it on (chalk's rules). */
export function colorLevel(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): 0 | 1 {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force === "0" || force === "false" ? 0 : 1;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  return stream.isTTY ? 1 : 0;
}

export function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env) });
}
