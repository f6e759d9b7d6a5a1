import { withoutByteOrderMark } from "../core/text.js";
import type { InputStream } from "../runtime.js";

/**
 * All of standard input, as text (for --password-stdin, `--token -` and `view -`), without the
 * byte-order mark Windows PowerShell 5.1 puts before what it pipes.
 */
export async function readStdin(stdin: InputStream): Promise<string> {
  let text = "";
  stdin.setEncoding("utf8");
  for await (const chunk of stdin) text += chunk as string;
  return withoutByteOrderMark(text);
}
