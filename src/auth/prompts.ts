/**
 * Questions for a person at a terminal, asked on stderr so stdout stays clean. The prompt
 * library is loaded only when a question is actually asked.
 */
const context = () => ({ input: process.stdin, output: process.stderr });

export async function askText(message: string): Promise<string> {
  const { input } = await import("@inquirer/prompts");
  return input({ message, required: true }, context());
}

export async function askSecret(message: string): Promise<string> {
  const { password } = await import("@inquirer/prompts");
  return password({ message, mask: "*" }, context());
}

export async function askChoice<T>(
  message: string,
  choices: { name: string; value: T }[],
): Promise<T> {
  const { select } = await import("@inquirer/prompts");
  return select({ message, choices, pageSize: 12 }, context());
}

/** Both ends of the conversation are a terminal: questions may be asked. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

export async function askConfirm(message: string): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  return confirm({ message, default: false }, context());
}
