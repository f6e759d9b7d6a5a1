/**
 * Questions for a person at a terminal, asked on stderr so stdout stays clean. The prompts are
 * Inquirer's (@inquirer/prompts), imported one package per prompt so the bundle does not carry
 * the editor prompt's encoding tables, and loaded only when a question is actually asked.
 */
export interface Prompts {
  /** `validate`: true, or what is wrong with the answer (asked again). */
  text(message: string, validate?: (answer: string) => true | string): Promise<string>;
  /** Masked input: a password. */
  secret(message: string): Promise<string>;
  choice<T>(message: string, choices: { name: string; value: T }[]): Promise<T>;
  /** Yes or no; no unless the person says yes. */
  confirm(message: string): Promise<boolean>;
}

/** One voice: an answered question is marked as everything done is, with ✓. */
const theme = { prefix: { idle: "?", done: "✓" } };

export function terminalPrompts(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Prompts {
  const streams = { input, output };
  return {
    async text(message, validate) {
      const { default: ask } = await import("@inquirer/input");
      return ask({ message, required: true, theme, ...(validate ? { validate } : {}) }, streams);
    },
    async secret(message) {
      const { default: password } = await import("@inquirer/password");
      return password({ message, mask: "*", theme }, streams);
    },
    async choice(message, choices) {
      const { default: select } = await import("@inquirer/select");
      return select({ message, choices, pageSize: 12, theme }, streams);
    },
    async confirm(message) {
      const { default: confirm } = await import("@inquirer/confirm");
      return confirm({ message, default: false, theme }, streams);
    },
  };
}
