import type { AddHelpTextContext } from "commander";

/**
 * What a long example line is continued with, so the shell reads it as one command: a backslash
 * in POSIX shells (`$ ` examples), a backtick in PowerShell (`PS> ` examples).
 */
function continuationOf(line: string): string | undefined {
  if (/^\s*\$ /.test(line)) return " \\";
  if (/^\s*PS> /.test(line)) return " `";
  return undefined;
}
const CONTINUED_INDENT = "      ";

/** Breaks a command line at spaces outside quotes, with continuations. */
function breakCommand(line: string, width: number, continuation: string): string[] {
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let quote: string | undefined;
    let breakAt = -1;
    for (let i = 0; i < rest.length && i <= width - continuation.length; i += 1) {
      const ch = rest[i] as string;
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === " " && i > CONTINUED_INDENT.length + 2 && rest[i - 1] !== " ") breakAt = i;
    }
    // A comment starts the rest of the line: it moves down whole, without a continuation.
    if (breakAt <= 0) break;
    lines.push(`${rest.slice(0, breakAt)}${continuation}`);
    rest = `${CONTINUED_INDENT}${rest.slice(breakAt + 1).trimStart()}`;
  }
  return [...lines, rest];
}

/** Breaks prose at word boundaries, keeping its indent (and a leading `#`). */
function breakProse(line: string, width: number): string[] {
  const lead = /^\s*(#\s*)?/.exec(line)?.[0] ?? "";
  const lines: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(" ")) {
    if (current.length > lead.length && current.length + 1 + word.length > width) {
      lines.push(current);
      current = lead;
    }
    current += current.length > lead.length ? ` ${word}` : word;
  }
  return [...lines, current];
}

/** `  $ cmd …   # why`: a comment after a command moves above it when the line is too long. */
function splitTrailingComment(line: string): [string, string | undefined] {
  const match = /^(\s*)((?:\$|PS>) .*?)\s{2,}(# .*)$/.exec(line);
  return match ? [`${match[1]}${match[2]}`, `${match[1]}${match[3]}`] : [line, undefined];
}

/**
 * Example text fitted to the help's width: prose and comments wrapped at words, commands broken
 * at spaces outside quotes with shell continuations, so that nothing is cut mid-word by the
 * terminal and every example still pastes as it reads.
 */
export function fitExamples(text: string, width: number): string {
  const out: string[] = [];
  // The continuation of the command being broken, while its lines last.
  let command: string | undefined;
  for (const line of text.split("\n")) {
    command = continuationOf(line) ?? (out.at(-1)?.endsWith(command ?? "\0") ? command : undefined);
    if (line.length <= width) out.push(line);
    else if (command) {
      const [commandText, comment] = splitTrailingComment(line);
      if (comment) out.push(...breakProse(comment, width));
      out.push(...breakCommand(commandText, width, command));
    } else out.push(...breakProse(line, width));
  }
  return out.join("\n");
}

/** For addHelpText: the examples, fitted to the width commander wraps the rest of the help to. */
export function examples(text: string) {
  return ({ command }: AddHelpTextContext): string =>
    fitExamples(text, command.configureOutput().getOutHelpWidth?.() ?? 80);
}
