// Preloaded with `node --require` to record, one path per line in the file named by
// TRACE_CHUNKS_FILE, every file of the program's chunks that the CLI reads (the entry reads a
// chunk's text when, and only when, it loads that chunk; help.json, the help texts, is not
// one). With TRACE_BUILTINS_FILE, the built-in modules Node loaded (process.moduleLoadList) are
// written there when the process exits.
const fs = require("node:fs");

const readFileSync = fs.readFileSync;
fs.readFileSync = function tracedReadFileSync(path, ...rest) {
  if (/\/dist\/chunks\/[^/]+\.js$/.test(String(path)))
    fs.appendFileSync(process.env.TRACE_CHUNKS_FILE, `${String(path)}\n`);
  return readFileSync.call(this, path, ...rest);
};

if (process.env.TRACE_BUILTINS_FILE) {
  process.on("exit", () =>
    fs.writeFileSync(process.env.TRACE_BUILTINS_FILE, process.moduleLoadList.join("\n")),
  );
}
