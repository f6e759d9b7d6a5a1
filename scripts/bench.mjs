// `npm run bench`: cold-start and end-to-end figures for the built CLI, side by side with bare
// Node, on this machine. Not a test: it prints numbers (and writes nothing) for a person to read.
//   BENCH_RUNS=N     runs per measurement (default 15)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const bin = join(root, "bin", "infisical");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), "infisical-bench-"));
const sea = join(root, "dist", `infisical-${process.platform}-${process.arch}`);

execFileSync("npm", ["run", "--silent", "build:sea"], { cwd: root, stdio: "ignore" });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runOnce([command, args, env, before]) {
  before?.();
  const started = performance.now();
  const result = spawnSync(command, args, { env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  return elapsed;
}

/**
 * Median wall time of cold processes for each [command, args, env, before?], run round-robin so
 * that a busy moment on the machine affects every command alike. Two warm-up rounds: the first
 * run of a command leaves a code cache marker, the second fills the cache (src/startup/).
 */
function timeCommands(commands) {
  const warmUp = 2;
  const samples = commands.map(() => []);
  for (let round = 0; round < warmUp + runs; round += 1) {
    commands.forEach((command, i) => {
      const elapsed = runOnce(command);
      if (round >= warmUp) samples[i].push(elapsed);
    });
  }
  return samples.map(median);
}

/** Median peak RSS (KiB) of `runs` processes, measured from inside by a preloaded probe. */
function peakRss(args, env) {
  const file = join(work, `rss-${Math.random()}.txt`);
  writeFileSync(file, "");
  const probe = new URL("./bench/rss-probe.mjs", import.meta.url).href;
  for (let i = 0; i < runs; i += 1) {
    spawnSync(process.execPath, ["--import", probe, ...args], {
      env: { ...env, RSS_PROBE_FILE: file },
    });
  }
  return median(readFileSync(file, "utf8").trim().split("\n").map(Number));
}

const env = {
  PATH: process.env.PATH,
  HOME: work,
  INFISICAL_CONFIG_DIR: join(work, "config"),
  NO_COLOR: "1",
};

// A dev server with 10,000 extra tokens, and a login to it.
const seed = join(work, "seed.json");
writeFileSync(seed, JSON.stringify({ serviceTokens: 10_000 }));
const server = spawn(process.execPath, [bin, "dev-server", "--json", "--seed", seed], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
const info = JSON.parse(
  await new Promise((resolve) => createInterface({ input: server.stdout }).once("line", resolve)),
);
env.INFISICAL_DOMAIN = info.url;
execFileSync(
  process.execPath,
  [bin, "login", "--email", info.email, "--password-stdin", "--silent"],
  { env, input: info.password },
);
const jwt = JSON.parse(readFileSync(join(env.INFISICAL_CONFIG_DIR, "sessions.json"), "utf8"))
  .sessions[0].token;

// The floor for a create: a minimal Node script sending the same POST with node:http.
const minimal = join(work, "minimal-create.mjs");
writeFileSync(
  minimal,
  `import { request } from "node:http";
import { randomBytes } from "node:crypto";
const hex = randomBytes(16).toString("hex");
const body = JSON.stringify({ name: "bench", workspaceId: process.env.PROJECT, scopes: [{ environment: "dev", secretPath: "/" }],
  expiresIn: 86400, encryptedKey: "", iv: "", tag: "", randomBytes: hex, permissions: ["read"] });
const req = request(process.env.API + "/v2/service-token", { method: "POST", headers: { "Content-Type": "application/json",
  Accept: "application/json", "User-Agent": "cli", Authorization: "Bearer " + process.env.JWT } }, (res) => {
  let data = ""; res.setEncoding("utf8"); res.on("data", (d) => (data += d));
  res.on("end", () => process.stdout.write(JSON.parse(data).serviceToken + "." + hex + "\\n"));
});
req.end(body);
`,
);
const createArgs = [
  "service-token",
  "create",
  "--projectId",
  info.projectId,
  "-s",
  "dev:/",
  "-a",
  "read",
  "--token-only",
];
const minimalEnv = { ...env, API: info.apiUrl, PROJECT: info.projectId, JWT: jwt };

let rows, listJson, listLines, rssBare, rssCreate, inProcess, codeCacheFiles;
try {
  rows = [];
  const row = (what, ms, baseline, target) =>
    rows.push({ what, ms, ratio: baseline ? ms / baseline : undefined, target });

  const node = process.execPath;
  const listArgs = [bin, "service-token", "list", "--projectId", info.projectId];
  const noCodeCache = { ...env, INFISICAL_DISABLE_CODE_CACHE: "1" };
  // The run that takes the code cache data: the second ever, in a fresh cache directory.
  const fillingCodeCache = { ...env };
  const freshCacheAndFirstRun = () => {
    fillingCodeCache.INFISICAL_CACHE_DIR = mkdtempSync(join(work, "cache-"));
    runOnce([node, [bin, ...createArgs], fillingCodeCache]);
  };
  // A first run of the single executable: an empty cache directory of its own.
  const seaFirstRun = { ...env };
  const freshCache = () => {
    seaFirstRun.INFISICAL_CACHE_DIR = mkdtempSync(join(work, "cache-"));
  };
  const [
    bare,
    version,
    help,
    minimalMs,
    createMs,
    createUncachedMs,
    createFillingMs,
    listJsonMs,
    listLinesMs,
    seaVersion,
    seaCreate,
    seaCreateFirst,
    seaCreateUncached,
  ] = timeCommands([
    [node, ["-e", "0"], env],
    [node, [bin, "--version"], env],
    [node, [bin, "--help"], env],
    [node, [minimal], minimalEnv],
    [node, [bin, ...createArgs], env],
    [node, [bin, ...createArgs], noCodeCache],
    [node, [bin, ...createArgs], fillingCodeCache, freshCacheAndFirstRun],
    [node, [...listArgs, "--json"], env],
    [node, listArgs, env],
    ...(existsSync(sea)
      ? [
          [sea, ["--version"], env],
          [sea, createArgs, env],
          [sea, createArgs, seaFirstRun, freshCache],
          [sea, createArgs, noCodeCache],
        ]
      : []),
  ]);
  row("node -e 0", bare);
  row("infisical --version", version, bare, 1.15);
  row("infisical --help", help, bare, 1.15);
  row("minimal node:http create", minimalMs);
  row("infisical service-token create --token-only", createMs, minimalMs, 1.5);
  row("  the same without the code cache (a first run)", createUncachedMs, minimalMs);
  row("  the same, the run that fills the code cache", createFillingMs, minimalMs);
  if (seaVersion !== undefined) {
    row("SEA --version", seaVersion, bare);
    row("SEA service-token create --token-only", seaCreate, minimalMs, 1.3);
    row("  a first run (with the code cache it carries)", seaCreateFirst, minimalMs);
    row("  the same without any code cache", seaCreateUncached, minimalMs);
  }
  listJson = listJsonMs;
  listLines = listLinesMs;
  rssBare = peakRss(["-e", "0"], env);
  rssCreate = peakRss([bin, ...createArgs], env);

  // In-process figures, from the TypeScript sources bundled on the fly.
  const inProcessFile = join(work, "in-process.mjs");
  await build({
    entryPoints: [join(root, "scripts/bench/in-process.ts")],
    outfile: inProcessFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  inProcess = JSON.parse(execFileSync(process.execPath, [inProcessFile], { encoding: "utf8" }));
  const cacheRoot = join(work, ".cache", "infisical-ts", "code");
  // One directory per build, Node and Node options (the RSS probe's --import is one of those).
  codeCacheFiles = readdirSync(cacheRoot).flatMap((build) =>
    readdirSync(join(cacheRoot, build)).map((name) => [
      `${build.split("-")[3] ? "with Node options" : "plain"}: ${name}`,
      (statSync(join(cacheRoot, build, name)).size / 1024).toFixed(1),
    ]),
  );
} finally {
  server.kill("SIGINT");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(work, { recursive: true, force: true });
}

const fmt = (n) => n.toFixed(1).padStart(8);
console.log(
  `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, ${process.platform}-${process.arch}; ${runs} runs each, medians\n`,
);
console.log("Cold processes                                         ms    ratio  target");
for (const r of rows) {
  const ratio = r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`.padStart(8);
  const target =
    r.target === undefined ? "" : `  <= ${r.target}x ${r.ratio <= r.target ? "ok" : "MISSED"}`;
  console.log(`${r.what.padEnd(50)}${fmt(r.ms)}${ratio}${target}`);
}
console.log(
  `\nPeak RSS: node -e 0 ${(rssBare / 1024).toFixed(1)} MiB, create ${(rssCreate / 1024).toFixed(1)} MiB: ${(rssCreate / rssBare).toFixed(2)}x (target <= 1.5x ${rssCreate / rssBare <= 1.5 ? "ok" : "MISSED"})`,
);
console.log(
  `\nList of 10,000 tokens (whole process, dev server on loopback): --json ${listJson.toFixed(0)} ms, piped lines ${listLines.toFixed(0)} ms (target < 1000 ms ${Math.max(listJson, listLines) < 1000 ? "ok" : "MISSED"})`,
);
console.log(
  `  rendering alone: table ${inProcess.listTableMs.toFixed(1)} ms, lines ${inProcess.listLinesMs.toFixed(1)} ms, JSON ${inProcess.listJsonMs.toFixed(1)} ms`,
);
console.log(
  `Create with 1,000 scopes: parsing and request building ${inProcess.create1000ScopesMs.toFixed(2)} ms in-process (target < 50 ms ${inProcess.create1000ScopesMs < 50 ? "ok" : "MISSED"})`,
);

console.log(
  "\nCode cache files (per command, written by the runs above; an empty one is a first run's marker):",
);
for (const [file, size] of codeCacheFiles)
  console.log(`  ${file.padEnd(48)}${size.padStart(9)} KiB`);

console.log("\nBundle files:");
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
for (const file of files(join(root, "dist")).sort()) {
  console.log(
    `  ${file.slice(root.length).padEnd(48)}${(statSync(file).size / 1024).toFixed(1).padStart(9)} KiB`,
  );
}
