// Refreshes test/fixtures/real-server from the team's shared recordings (../shared/real-server).
import { fileURLToPath } from "node:url";
import { cpSync, rmSync } from "node:fs";

const from = new URL("../../shared/real-server/", import.meta.url);
const to = new URL("../test/fixtures/real-server/", import.meta.url);
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
console.log(`copied ${fileURLToPath(from)} -> ${fileURLToPath(to)}`);
