// Preloaded with `node --import` to record every module file the CLI loads, one URL per line,
// in the file named by TRACE_IMPORTS_FILE.
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function load(url, context, nextLoad) {
  if (url.startsWith("file:")) appendFileSync(process.env.TRACE_IMPORTS_FILE, url + "\\n");
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
