// Bundles the CLI into dist/: a small CommonJS entry (dist/cli.cjs) that answers --version and
// --help by itself, and the program in dist/chunks/ (main.js plus chunks that each command loads
// when it runs), so that nothing from node_modules is needed at run time. esbuild splits the
// program into ES module chunks; each is then turned into CommonJS text, which the entry runs
// through vm.Script with a V8 code cache (src/startup/), something Node 20 offers for no module.
// The library is built beside it: dist/lib/ (ES modules) and dist/types/ (declarations).
//   node scripts/build.mjs --sea        also builds a single executable, dist/infisical-<platform>-<arch>
//   node scripts/build.mjs --sea-only   builds only that (leaves the rest of dist/ alone)
import { build, transform } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCodeCaches } from "./build/code-caches.mjs";
import { singleExecutablePlan } from "./build/node-lines.mjs";
import { nodeLineBin } from "./node-line.mjs";
import { BUILD_INFO, sourceHash } from "./build/source-hash.mjs";
import { lazyBuiltins, programPlugins, STUBS } from "./build/trim-dependencies.mjs";

const REQUIRE_SHIM =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";
const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const seaOnly = process.argv.includes("--sea-only");
if (!seaOnly) await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });

// Commander's help for every command, captured once here so the entry can answer --help fast:
// written to dist/chunks/help.json, read only to answer help (compiling 45 KB of text in the
// entry would cost every other command about 0.5 ms); the entry knows the topics' names.
const snapshotDir = await mkdtemp(join(tmpdir(), "infisical-help-"));
const snapshot = join(snapshotDir, "help-snapshot.mjs");
await build({
  entryPoints: ["scripts/help-snapshot.ts"],
  outfile: snapshot,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: REQUIRE_SHIM },
  external: ["@napi-rs/keyring"],
  logLevel: "warning",
});
const helps = execFileSync(process.execPath, [snapshot], { encoding: "utf8" });
await rm(snapshotDir, { recursive: true, force: true });

/** The help topics' names as a module of their own (import "virtual:help-topics"). */
const helpTopics = {
  name: "help-topics",
  setup(b) {
    b.onResolve({ filter: /^virtual:help-topics$/ }, () => ({
      path: "help-topics",
      namespace: "virtual",
    }));
    b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
      contents: `export default ${JSON.stringify(Object.keys(JSON.parse(helps)))};`,
      loader: "js",
    }));
  },
};

const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: process.env.NO_MINIFY !== "1",
  legalComments: "none",
  define: { __INFISICAL_TS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
};

const CHUNKS = "dist/chunks";
/** In CHUNKS; its name is also in src/startup/help-file.ts. */
const HELP_FILE = "help.json";

if (!seaOnly) await Promise.all([buildProgramAndEntry(), buildLibrary()]);
if (seaOnly || process.argv.includes("--sea")) await buildSingleExecutable();

/** What the entry needs to know of the chunks: their names, and a hash naming this build. */
async function chunkManifest() {
  if (!existsSync(CHUNKS)) throw new Error(`${CHUNKS} is missing: run \`npm run build\` first`);
  const chunks = (await readdir(CHUNKS)).filter((name) => name.endsWith(".js")).sort();
  const hash = createHash("sha256");
  for (const name of chunks) hash.update(`${name}\0`).update(await readFile(join(CHUNKS, name)));
  return { id: hash.digest("hex").slice(0, 16), chunks };
}

/** The entry (src/entry.ts) as one CommonJS file that loads the chunks of this build. */
async function buildEntry(outfile, { singleExecutable }) {
  const manifest = { ...(await chunkManifest()), singleExecutable };
  await build({
    ...common,
    format: "cjs",
    entryPoints: ["src/entry.ts"],
    outfile,
    define: { ...common.define, __INFISICAL_BUILD__: JSON.stringify(manifest) },
    plugins: [helpTopics, lazyBuiltins],
    // The installed command runs this file itself (package.json "bin"): one module for Node to
    // load, not a launcher that requires it (0.2-0.4 ms per command).
    banner: singleExecutable ? undefined : { js: "#!/usr/bin/env node" },
  });
  if (!singleExecutable) await chmod(outfile, 0o755);
  return manifest;
}

/**
 * A Node single executable application (SEA runs one CommonJS file): the entry, with V8's code
 * cache, and the chunks as assets, injected into a copy of this node binary.
 */
async function buildSingleExecutable() {
  const node = await seaNode();
  const work = "dist/sea";
  await mkdir(work, { recursive: true });
  const main = join(work, "infisical.cjs");
  const { chunks } = await buildEntry(main, { singleExecutable: true });
  const codeCaches = await makeCodeCaches(join(work, "code-cache"), node);
  const config = join(work, "sea-config.json");
  const blob = join(work, "sea-prep.blob");
  await writeFile(
    config,
    JSON.stringify({
      main,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: true,
      assets: {
        [HELP_FILE]: join(CHUNKS, HELP_FILE),
        ...Object.fromEntries(chunks.map((name) => [name, join(CHUNKS, name)])),
        ...Object.fromEntries(
          codeCaches.map((name) => [`code-cache/${name}`, join(work, "code-cache", name)]),
        ),
      },
    }),
  );
  execFileSync(node, ["--experimental-sea-config", config], { stdio: "inherit" });
  const { executable, steps } = singleExecutablePlan({
    platform: process.platform,
    arch: process.arch,
    blob,
    postject: fileURLToPath(new URL("../node_modules/postject/dist/cli.js", import.meta.url)),
    nodeForScripts: process.execPath,
  });
  await copyFile(node, executable);
  await chmod(executable, 0o755);
  for (const { file, args } of steps) {
    execFileSync(file, args, { stdio: ["ignore", "ignore", "inherit"] });
  }
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  await writeFile(join(work, "node-version.txt"), `${version}\n`);
  console.log(`built ${executable} (Node ${version})`);
}

/**
 * The executable ships a whole Node runtime to users: a maintained line (24), fetched once from
 * the npm registry by scripts/node-line.mjs, not the end-of-life 20 that may run the build.
 * SEA_NODE names another binary; without the registry the build's own node is used, said aloud.
 */
async function seaNode() {
  if (process.env.SEA_NODE) return process.env.SEA_NODE;
  if (process.versions.node.startsWith("24.")) return process.execPath;
  try {
    return join(await nodeLineBin("24"), basename(process.execPath));
  } catch (error) {
    console.warn(
      `warning: Node 24 could not be fetched (${error.message}); the executable embeds ${process.version}`,
    );
    return process.execPath;
  }
}

/**
 * The library (`import … from "infisical-ts"` and "infisical-ts/dev-server"): ES modules that
 * import their dependencies from the package's own (not bundled: the consumer's npm dedupes
 * them), with TypeScript declarations beside them.
 */
async function buildLibrary() {
  await build({
    ...common,
    entryPoints: { index: "src/library/index.ts", "dev-server": "src/library/dev-server.ts" },
    outdir: "dist/lib",
    splitting: true,
    chunkNames: "shared/[name]-[hash]",
    packages: "external",
    minify: false,
  });
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.lib.json"], { stdio: "inherit" });
}

async function buildProgramAndEntry() {
  // The program: main.js plus chunks that each command's action loads when it runs.
  const { outputFiles } = await build({
    ...common,
    entryPoints: { main: "src/bin.ts" },
    outdir: CHUNKS,
    splitting: true,
    chunkNames: "[name]-[hash]",
    write: false,
    // Dependencies of dependencies that the CLI never runs are replaced at build time.
    alias: STUBS,
    // A native module (the OS keyring) cannot be bundled: it is required from node_modules when
    // a login is kept there, and a build without it (the single executable) has no keyring.
    external: ["@napi-rs/keyring"],
    plugins: programPlugins,
  });
  // Each chunk as CommonJS: import() becomes a require() of the chunk, made on first use. The
  // file holds the function the loader runs (src/startup/chunk-loader.ts), on the first line as
  // Node's own CommonJS wrapper is, so that line numbers stay true.
  await mkdir(CHUNKS, { recursive: true });
  for (const file of outputFiles) {
    const { code } = await transform(file.text, {
      format: "cjs",
      supported: { "dynamic-import": false },
      minify: common.minify,
      target: common.target,
      logLevel: "warning",
    });
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, `(function (exports, require, module) {${code}\n})`);
  }
  await writeFile(join(CHUNKS, HELP_FILE), helps);
  await buildEntry("dist/cli.cjs", { singleExecutable: false });
  const root = fileURLToPath(new URL("..", import.meta.url));
  await writeFile(BUILD_INFO, `${JSON.stringify({ sourceHash: sourceHash(root) })}\n`);
}
