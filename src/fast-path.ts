/**
 * Answers `--version` and `<command> --help` without loading commander or anything else: the
 * help texts are commander's own output, captured at build time (scripts/build.mjs), so they
 * cannot drift from the real definitions. Any other argument list takes the normal path.
 */
export function fastAnswer(
  args: readonly string[],
  version: string,
  helps: Readonly<Record<string, string>>,
): string | undefined {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) return `${version}\n`;
  const last = args.at(-1);
  if (last !== "--help" && last !== "-h") return undefined;
  return helps[args.slice(0, -1).join(" ")];
}
