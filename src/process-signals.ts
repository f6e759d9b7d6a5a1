/**
 * What the process wiring (bin.ts, entry.ts) decides from the platform alone, kept here as
 * functions so that every platform's answer is tested on Linux.
 */

/** The reader of standard output went away (`| head -1`): EPIPE, or EOF on Windows. */
export function readerIsGone(code: string | undefined): boolean {
  return code === "EPIPE" || code === "EOF";
}

/**
 * The signals that stop a command, with their exit codes: Ctrl-C (130), SIGTERM (143) and, on
 * Windows, Ctrl-Break (SIGBREAK, treated as Ctrl-C).
 */
export function stoppingSignals(
  platform: NodeJS.Platform,
  codes: { interrupted: number; terminated: number },
): [NodeJS.Signals, number][] {
  return [
    ["SIGINT", codes.interrupted],
    ["SIGTERM", codes.terminated],
    ...(platform === "win32" ? [["SIGBREAK", codes.interrupted] as [NodeJS.Signals, number]] : []),
  ];
}
