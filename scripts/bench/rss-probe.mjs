// Preloaded with `node --import` to record the process's peak resident memory (KiB) at exit.
import { appendFileSync } from "node:fs";

process.on("exit", () => {
  appendFileSync(process.env.RSS_PROBE_FILE, `${process.resourceUsage().maxRSS}\n`);
});
