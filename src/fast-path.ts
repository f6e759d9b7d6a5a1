/**
 * Answers `--version`, `<command> --help` and `help <command>` without loading commander or
 * anything else: the help texts are commander's own output, captured at build time
 * (scripts/build.mjs) at 80 columns, so they cannot drift from the real definitions. A terminal
 * narrower than that takes the normal path, where commander wraps to its width.
 */
export function fastAnswer(
  args: readonly string[],
  version: string,
  /** The captured text of a topic (a command path), when there is one. */
  helpFor: (topic: string) => string | undefined,
  terminalColumns?: number,
): string | undefined {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) return `${version}\n`;
  if (terminalColumns !== undefined && terminalColumns < HELP_COLUMNS) return undefined;
  const topic = helpTopic(args);
  return topic === undefined ? undefined : helpFor(topic);
}

/** Help texts are prepared at this width. */
export const HELP_COLUMNS = 80;

/** `service-token create --help` and `help service-token create` ask for the same text. */
export function helpTopic(args: readonly string[]): string | undefined {
  if (args[0] === "help") {
    const topic = args.slice(1).join(" ");
    return topic === "environment" ? "help environment" : topic;
  }
  const last = args.at(-1);
  if (last !== "--help" && last !== "-h") return undefined;
  return args.slice(0, -1).join(" ");
}
