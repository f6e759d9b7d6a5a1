import type { InputStream } from "../runtime.js";

/** All of standard input, as text (for --password-stdin and `view -`). */
export async function readStdin(stdin: InputStream): Promise<string> {
  let text = "";
  stdin.setEncoding("utf8");
  for await (const chunk of stdin) text += chunk as string;
  return text;
}
