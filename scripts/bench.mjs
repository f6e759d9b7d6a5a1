// `npm run bench`: cold-start and end-to-end figures for the built CLI, side by side with bare
// Node, on this machine, for each supported Node line. Not a test: it prints numbers (and writes
// nothing) for a person to read.
//   BENCH_RUNS=N            runs per measurement (default 15)
//   BENCH_NODE_LINES="20 22 24"  the lines to measure (20 is this machine's node; 22 and 24 are
//                           fetched once by scripts/node-line.mjs from the npm registry)
import { fileURLToPath } from "node:url";
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
import { executableName } from "./build/node-lines.mjs";
import { nodeLineBin } from "./node-line.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// What the installed command runs (package.json "bin").
const bin = join(root, "dist", "cli.cjs");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), "infisical-bench-"));
const sea = join(root, "dist", executableName(process.platform, process.arch));

// The build script itself, not `npm run` (npm is npm.cmd on Windows, which execFile cannot run).
execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), "--sea"], {
  cwd: root,
  stdio: "ignore",
});

// The single executable embeds the Node it was built from (24 unless the registry was out of reach).
const seaNodeVersion = readFileSync(join(root, "dist", "sea", "node-version.txt"), "utf8").trim();

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
function peakRss(node, args, env) {
  const file = join(work, `rss-${Math.random()}.txt`);
  writeFileSync(file, "");
  const probe = join(root, "scripts", "bench", "rss-probe.cjs");
  for (let i = 0; i < runs; i += 1) {
    spawnSync(node, ["--require", probe, ...args], {
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

// The floor for a create: a minimal Node script sending the same POST with node:http. As
// CommonJS, the honest floor (an ES module entry costs Node 3-20 ms more), and as an ES module.
const minimalBody = (importLines) => `${importLines}
const hex = randomBytes(16).toString("hex");
const body = JSON.stringify({ name: "bench", workspaceId: process.env.PROJECT, scopes: [{ environment: "dev", secretPath: "/" }],
  expiresIn: 86400, encryptedKey: "", iv: "", tag: "", randomBytes: hex, permissions: ["read"] });
const req = request(process.env.API + "/v2/service-token", { method: "POST", headers: { "Content-Type": "application/json",
  Accept: "application/json", "User-Agent": "cli", Authorization: "Bearer " + process.env.JWT } }, (res) => {
  let data = ""; res.setEncoding("utf8"); res.on("data", (d) => (data += d));
  res.on("end", () => process.stdout.write(JSON.parse(data).serviceToken + "." + hex + "\\n"));
});
req.end(body);
`;
const minimalCjs = join(work, "minimal-create.cjs");
writeFileSync(
  minimalCjs,
  minimalBody(
    'const { request } = require("node:http");\nconst { randomBytes } = require("node:crypto");',
  ),
);
const minimalEsm = join(work, "minimal-create.mjs");
writeFileSync(
  minimalEsm,
  minimalBody('import { request } from "node:http";\nimport { randomBytes } from "node:crypto";'),
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

const nodeLines = (process.env.BENCH_NODE_LINES ?? "20 22 24").split(/\s+/).filter(Boolean);
/** The node binary of a line: this process's when it is that line, else a fetched one. */
async function nodeOf(line) {
  if (process.versions.node.split(".")[0] === line) return process.execPath;
  return join(await nodeLineBin(line), process.platform === "win32" ? "node.exe" : "node");
}
// Node 20 reads NODE_EXTRA_CA_CERTS eagerly at start; measured apart, with the system bundle.
const systemCertificates = "/etc/ssl/certs/ca-certificates.crt";

/**
 * Where a process's time goes, from scripts/bench/phase-probe.cjs: medians over `runs` processes
 * (after two warm-up runs, which fill the code cache kept for the probe's Node options).
 */
function phases(node, args, env) {
  const file = join(work, `phases-${Math.random()}.txt`);
  writeFileSync(file, "");
  const probe = join(root, "scripts", "bench", "phase-probe.cjs");
  const run = () =>
    spawnSync(node, ["--require", probe, ...args], { env: { ...env, PHASE_PROBE_FILE: file } });
  run();
  run();
  writeFileSync(file, "");
  for (let i = 0; i < runs; i += 1) run();
  const marks = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const span = (from, to) =>
    marks[0][from] === undefined || marks[0][to] === undefined
      ? undefined
      : median(marks.map((m) => m[to] - m[from]));
  return {
    start: median(marks.map((m) => m.entry)),
    entry: span("entry", "compiling"),
    compile: span("compiling", "compiled"),
    program: span("program", "programLoaded"),
    command: span("programLoaded", "request") ?? span("entry", "request"),
    answer: span("request", "answered"),
    exit: span("answered", "exit"),
  };
}

/** Cold-process figures of one Node line (the single executable's only for its own line). */
function measureLine(line, node) {
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  const rows = [];
  const row = (what, ms, baseline, target) =>
    rows.push({ what, ms, ratio: baseline ? ms / baseline : undefined, target });
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
  const withCerts = existsSync(systemCertificates)
    ? { ...env, NODE_EXTRA_CA_CERTS: systemCertificates }
    : undefined;
  const seaHere = existsSync(sea) && seaNodeVersion.startsWith(`v${line}.`);
  const [
    bare,
    versionMs,
    help,
    floor,
    floorEsm,
    createMs,
    createUncachedMs,
    createFillingMs,
    listJsonMs,
    listLinesMs,
    ...rest
  ] = timeCommands([
    [node, ["-e", "0"], env],
    [node, [bin, "--version"], env],
    [node, [bin, "--help"], env],
    [node, [minimalCjs], minimalEnv],
    [node, [minimalEsm], minimalEnv],
    [node, [bin, ...createArgs], env],
    [node, [bin, ...createArgs], noCodeCache],
    [node, [bin, ...createArgs], fillingCodeCache, freshCacheAndFirstRun],
    [node, [...listArgs, "--json"], env],
    [node, listArgs, env],
    ...(withCerts
      ? [
          [node, [minimalCjs], { ...minimalEnv, ...withCerts }],
          [node, [bin, ...createArgs], withCerts],
        ]
      : []),
    ...(seaHere
      ? [
          [sea, ["--version"], env],
          [sea, createArgs, env],
          [sea, createArgs, seaFirstRun, freshCache],
          [sea, createArgs, noCodeCache],
        ]
      : []),
  ]);
  const createTarget = line === "20" ? 1.4 : 1.3;
  row("node -e 0", bare);
  row("infisical --version", versionMs, bare, 1.1);
  row("infisical --help", help, bare, 1.1);
  row("minimal node:http create, CommonJS (the floor)", floor);
  row("  the same as an ES module", floorEsm, floor);
  row("infisical service-token create --token-only", createMs, floor, createTarget);
  row("  the same without the code cache (a first run)", createUncachedMs, floor);
  row("  the same, the run that fills the code cache", createFillingMs, floor);
  const [floorCerts, createCerts, ...seaMs] = withCerts ? rest : [undefined, undefined, ...rest];
  if (withCerts) {
    row("With NODE_EXTRA_CA_CERTS (system bundle): floor", floorCerts, floor);
    row("  infisical service-token create --token-only", createCerts, createMs);
  }
  if (seaHere) {
    const [seaVersion, seaCreate, seaCreateFirst, seaCreateUncached] = seaMs;
    row("SEA --version", seaVersion, bare);
    row(`SEA (${seaNodeVersion}) service-token create --token-only`, seaCreate, floor, 1.15);
    row("  a first run (with the code cache it carries)", seaCreateFirst, floor);
    row("  the same without any code cache", seaCreateUncached, floor);
  }
  const rss = {
    floor: peakRss(node, [minimalCjs], minimalEnv),
    create: peakRss(node, [bin, ...createArgs], env),
  };
  const timeline = {
    floor: phases(node, [minimalCjs], minimalEnv),
    create: phases(node, [bin, ...createArgs], env),
  };
  return { line, version, rows, rss, timeline, listJson: listJsonMs, listLines: listLinesMs };
}

let lines, inProcess, codeCacheFiles;
try {
  const nodes = [];
  for (const line of nodeLines) nodes.push(await nodeOf(line));
  lines = nodeLines.map((line, i) => measureLine(line, nodes[i]));

  // In-process figures, from the TypeScript sources bundled on the fly.
  const inProcessFile = join(work, "in-process.mjs");
  await build({
    entryPoints: [join(root, "scripts/bench/in-process.ts")],
    outfile: inProcessFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["@napi-rs/keyring"],
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
  `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${process.platform}-${process.arch}; ${runs} runs each, medians; NODE_EXTRA_CA_CERTS unset unless a row says so`,
);
for (const { line, version, rows, rss, timeline, listJson, listLines } of lines) {
  console.log(`\nNode ${version}: cold processes                          ms    ratio  target`);
  for (const r of rows) {
    const ratio = r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`.padStart(8);
    const target =
      r.target === undefined ? "" : `  <= ${r.target}x ${r.ratio <= r.target ? "ok" : "MISSED"}`;
    console.log(`${r.what.padEnd(50)}${fmt(r.ms)}${ratio}${target}`);
  }
  console.log(
    `Where the time goes (Node ${line}, ms, medians; a probe preloaded):     floor   create`,
  );
  const phaseRows = [
    ["Node's own start, until the entry file loads", "start"],
    ["the entry: code cache file, until compiling", "entry"],
    ["compiling the program (V8 reads the cached code)", "compile"],
    ["main.js: commander and the command definitions", "program"],
    ["until the request is sent (parse, modules, session)", "command"],
    ["the dev server's answer", "answer"],
    ["output and exit", "exit"],
  ];
  const cell = (ms) => (ms === undefined ? "".padStart(9) : ms.toFixed(1).padStart(9));
  for (const [what, key] of phaseRows)
    console.log(`  ${what.padEnd(64)}${cell(timeline.floor[key])}${cell(timeline.create[key])}`);
  const rssRatio = rss.create / rss.floor;
  console.log(
    `Peak RSS (Node ${line}): floor ${(rss.floor / 1024).toFixed(1)} MiB, create ${(rss.create / 1024).toFixed(1)} MiB: ${rssRatio.toFixed(2)}x (target <= 1.2x ${rssRatio <= 1.2 ? "ok" : "MISSED"})`,
  );
  console.log(
    `List of 10,000 tokens (whole process, dev server on loopback): --json ${listJson.toFixed(0)} ms, piped lines ${listLines.toFixed(0)} ms (target < 1000 ms ${Math.max(listJson, listLines) < 1000 ? "ok" : "MISSED"})`,
  );
}
console.log(
  `\nRendering a list of 10,000 alone: table ${inProcess.listTableMs.toFixed(1)} ms, lines ${inProcess.listLinesMs.toFixed(1)} ms, JSON ${inProcess.listJsonMs.toFixed(1)} ms`,
);
console.log(
  `Create with 1,000 scopes: parsing and request building ${inProcess.create1000ScopesMs.toFixed(2)} ms in-process (target < 50 ms ${inProcess.create1000ScopesMs < 50 ? "ok" : "MISSED"})`,
);

console.log(
  "\nCode cache files (per command, written by the runs above; one under 1 KiB only lists a first run's chunks):",
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
