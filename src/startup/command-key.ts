/**
 * The command an argument list runs, as a path of known command names ("service-token create"),
 * or "" when it names none. Options and their values are skipped without being understood: a
 * wrong guess only means a code cache tailored to another command, never a wrong result.
 */
export function commandKey(args: readonly string[], commands: ReadonlySet<string>): string {
  let path = "";
  for (const arg of args) {
    if (arg === "--") break;
    const longer = path ? `${path} ${arg}` : arg;
    if (commands.has(longer)) path = longer;
  }
  return path;
}
