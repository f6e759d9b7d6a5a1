// Preloaded with `node --require` to record the process's peak resident memory (KiB) at exit.
// A CommonJS preload: with `--import`, Node 22 runs a .cjs main file through its ES module
// loader, which alone adds about 10 MiB to both the floor and the CLI.
const { appendFileSync } = require("node:fs");

process.on("exit", () => {
  appendFileSync(process.env.RSS_PROBE_FILE, `${process.resourceUsage().maxRSS}\n`);
});
