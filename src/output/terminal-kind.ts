/**
 * Git Bash and MSYS2 open in mintty, which hands a Windows program pipes instead of a console:
 * Node sees no terminal, so nothing can be asked and nothing is coloured. gh recognises mintty by
 * the pipe's name, which Node cannot read; the environment mintty and MSYS2 set is the sign here.
 * In Windows Terminal, Git Bash has a real console (a TTY), and this is false.
 */
export function isMinttyWithoutConsole(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  stdinIsTTY: boolean,
): boolean {
  if (platform !== "win32" || stdinIsTTY) return false;
  if (env.TERM_PROGRAM === "mintty") return true;
  return Boolean(env.MSYSTEM) && Boolean(env.TERM) && env.TERM !== "dumb";
}

export const MINTTY_HINT =
  "Git Bash's terminal (mintty) gives programs no console, so nothing can be asked here: run `winpty infisical …`, or use Windows Terminal";
