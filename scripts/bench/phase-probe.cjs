// Preloaded with `node --require` by `npm run bench` to time the phases of one process, written
// as a JSON line to PHASE_PROBE_FILE at exit: when the entry started, when the program's code
// was compiled (the code cache's pack) and main.js ran, when node:http's request() was called,
// when the answer ended. Times are milliseconds since the process started.
const { appendFileSync } = require("node:fs");
const Module = require("node:module");
const vm = require("node:vm");

const now = () => process.uptime() * 1000;
const marks = { preload: now() };
const mark = (name) => {
  marks[name] ??= now();
};

const load = Module._load;
Module._load = function probedLoad(request, parent, isMain) {
  if (isMain) mark("entry");
  const loaded = load.apply(this, arguments);
  if ((request === "node:http" || request === "http") && !loaded.probed) {
    const request = loaded.request;
    loaded.request = function probedRequest(...args) {
      mark("request");
      const sent = request.apply(this, args);
      sent.once("response", (response) => response.once("end", () => mark("answered")));
      return sent;
    };
    loaded.probed = true;
  }
  return loaded;
};

// The program's chunks compiled as one script evaluate to an array: its first is main.js.
vm.Script = class ProbedScript extends vm.Script {
  constructor(source, options) {
    mark("compiling");
    super(source, options);
    mark("compiled");
  }
  runInThisContext(...args) {
    const result = super.runInThisContext(...args);
    if (!Array.isArray(result) || typeof result[0] !== "function") return result;
    const main = result[0];
    result[0] = function probedMain(...moduleArgs) {
      mark("program");
      const exports = main.apply(this, moduleArgs);
      mark("programLoaded");
      return exports;
    };
    return result;
  }
};

process.on("exit", () => {
  mark("exit");
  appendFileSync(process.env.PHASE_PROBE_FILE, `${JSON.stringify(marks)}\n`);
});
