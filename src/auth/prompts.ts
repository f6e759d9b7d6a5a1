/**
 * Questions for a person at a terminal, asked on stderr so stdout stays clean. The prompts are
 * Inquirer's (@inquirer/prompts), imported one package per prompt so the bundle does not carry
 * the editor prompt's encoding tables, and loaded only when a question is actually asked.
 */
const context = () => ({ input: process.stdin, output: process.stderr });

export async function askText(message: string): Promise<string> {
  const { default: input } = await import("@inquirer/input");
  return input({ message, required: true }, context());
}

export async function askSecret(message: string): Promise<string> {
  const { default: password } = await import("@inquirer/password");
  return password({ message, mask: "*" }, context());
}

export async function askChoice<T>(
  message: string,
  choices: { name: string; value: T }[],
): Promise<T> {
  const { default: select } = await import("@inquirer/select");
  return select({ message, choices, pageSize: 12 }, context());
}

/** Both ends of the conversation are a terminal: questions may be asked. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

export async function askConfirm(message: string): Promise<boolean> {
  const { default: confirm } = await import("@inquirer/confirm");
  return confirm({ message, default: false }, context());
}
