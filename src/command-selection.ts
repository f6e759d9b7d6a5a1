/**
 * Which command an argument list runs, when that is certain from the words alone, so that only
 * its part of the command tree is built (defining every command and option costs commander
 * about 2 ms at each start). Anything uncertain builds the whole tree: an unknown word, an
 * option before the command that is not a global one, help, and the completion commands (which
 * walk the tree).
 */

/** The global options, as cli.ts defines them: those that take a value, and flags. */
const GLOBAL_WITH_VALUE = new Set(["--domain", "--timeout", "--deadline"]);
const GLOBAL_FLAGS = new Set(["--silent", "--debug", "--no-input"]);
/** Commands that need the whole tree (or that help describes). */
const WHOLE_TREE = new Set(["help", "completion", "__complete"]);

/** [command] or [group, subcommand], or undefined when not certain. */
export function selectedCommand(args: readonly string[]): string[] | undefined {
  let i = 0;
  for (; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (GLOBAL_WITH_VALUE.has(arg)) i += 1;
    else if (!GLOBAL_FLAGS.has(arg) && !/^--(domain|timeout|deadline)=/.test(arg)) break;
  }
  const first = args[i];
  if (first === undefined || first.startsWith("-") || WHOLE_TREE.has(first)) return undefined;
  const second = args[i + 1];
  return second !== undefined && !second.startsWith("-") ? [first, second] : [first];
}

/**
 * Registers the commands `selection` names (a group with only the named subcommand), or all
 * of them when it names none of these.
 */
export function registerSelected<T>(
  adders: Readonly<Record<string, (target: T) => void>>,
  target: T,
  name: string | undefined,
): void {
  const only = name === undefined ? undefined : adders[name];
  if (only) only(target);
  else for (const add of Object.values(adders)) add(target);
}
