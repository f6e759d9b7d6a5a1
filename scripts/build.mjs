// Bundles the CLI into dist/: a small CommonJS entry (dist/cli.cjs) that answers --version and
// --help by itself, and the program in dist/chunks/ (main.js plus chunks that each command loads
// when it runs), so that nothing from node_modules is needed at run time. esbuild splits the
// program into ES module chunks; each is then turned into CommonJS text, which the entry runs
// through vm.Script with a V8 code cache (src/startup/), something Node 20 offers for no module.
//   node scripts/build.mjs --sea        also builds a single executable, dist/infisical-<platform>-<arch>
//   node scripts/build.mjs --sea-only   builds only that (leaves the rest of dist/ alone)
import { build, transform } from "esbuild";
import { execFileSync, spawn } from "node:child_process";
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
  stat,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

const REQUIRE_SHIM =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";
const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const seaOnly = process.argv.includes("--sea-only");
if (!seaOnly) await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });

const stub = (name) => new URL(`./stubs/${name}`, import.meta.url).pathname;
/** Packages kept out of the bundle: who pulls them in, and why they are not needed. */
const STUBS = {
  "form-data": stub("form-data.cjs"), // axios: multipart bodies
  "follow-redirects": stub("follow-redirects.cjs"), // axios: redirects, which the CLI refuses
  debug: stub("debug.cjs"), // follow-redirects and others: debug logging and its colour detection
  "js-yaml": stub("unused-loader.cjs"), // cosmiconfig: YAML config files
  typescript: stub("unused-loader.cjs"), // cosmiconfig: TypeScript config files
};

// Commander's help for every command, captured once here so the entry can answer --help fast.
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
  logLevel: "warning",
});
const helps = execFileSync(process.execPath, [snapshot], { encoding: "utf8" });
await rm(snapshotDir, { recursive: true, force: true });

/**
 * axios's utils read `globalThis.FormData` when loaded; in Node that getter loads the whole
 * fetch implementation (undici, and with it http2 and tls: about 35 ms). The value only serves
 * a shortcut in isFormData, whose other test (the [object FormData] tag) still recognises one.
 * The build fails if axios changes that line, so an upgrade cannot silently undo this.
 */
const FORMDATA_PROBE =
  "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
const axiosWithoutFormDataProbe = {
  name: "axios-without-formdata-probe",
  setup(b) {
    b.onLoad({ filter: /\/axios\/lib\/utils\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes(FORMDATA_PROBE))
        throw new Error(`axios changed: "${FORMDATA_PROBE}" not found in ${args.path}`);
      return {
        contents: source.replace(FORMDATA_PROBE, "const FormDataCtor = undefined;"),
        loader: "js",
      };
    });
  },
};

/** The fetch adapter probes fetch() when loaded, which loads Node's undici: kept out. */
const axiosWithoutFetch = {
  name: "axios-without-fetch",
  setup(b) {
    b.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      args.importer.endsWith("/axios/lib/adapters/adapters.js")
        ? { path: stub("axios-fetch.js") }
        : undefined,
    );
  },
};

/** axios imports https-proxy-agent up front; the stand-in loads it on first use (proxy only). */
const axiosLazyProxyAgent = {
  name: "axios-lazy-proxy-agent",
  setup(b) {
    b.onResolve({ filter: /^https-proxy-agent$/ }, (args) =>
      args.importer.includes("/node_modules/axios/")
        ? { path: stub("https-proxy-agent.cjs") }
        : undefined,
    );
  },
};

/**
 * Node modules that a dependency imports up front but uses only on some paths are loaded on
 * first use instead: axios's HTTP/2 transport (http2, about 8 ms here), axios's https and the
 * proxy agent's tls (about 10 ms; only an https:// domain or a proxy needs them) and commander's
 * executable subcommands (child_process, about 5 ms).
 */
const LAZY_BUILTINS = [
  { module: "http2", importer: "/node_modules/axios/" },
  { module: "https", importer: "/node_modules/axios/" },
  { module: "tls", importer: "/node_modules/https-proxy-agent/" },
  { module: "child_process", importer: "/node_modules/commander/" },
];
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(http2|https|tls|child_process)$/ }, (args) => {
      const name = args.path.replace(/^node:/, "");
      const lazy = LAZY_BUILTINS.some(
        (l) => l.module === name && args.importer.includes(l.importer),
      );
      return lazy ? { path: name, namespace: "lazy-builtin" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({
      contents: `let loaded;
const load = () => (loaded ??= require("node:${args.path}"));
// Interop helpers ask for __esModule on import: answering that must not load the module.
module.exports = new Proxy({}, {
  get: (_, key) => (key === "__esModule" ? undefined : load()[key]),
  has: (_, key) => key !== "__esModule" && key in load(),
});`,
      loader: "js",
    }));
  },
};

/** The help texts as a module of their own (import "virtual:help-texts"). */
const helpTexts = {
  name: "help-texts",
  setup(b) {
    b.onResolve({ filter: /^virtual:help-texts$/ }, () => ({
      path: "help-texts",
      namespace: "virtual",
    }));
    b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
      contents: `export default ${helps};`,
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

if (!seaOnly) await buildProgramAndEntry();
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
    plugins: [helpTexts],
  });
  return manifest;
}

/**
 * A Node single executable application (SEA runs one CommonJS file): the entry, with V8's code
 * cache, and the chunks as assets, injected into a copy of this node binary.
 */
async function buildSingleExecutable() {
  const work = "dist/sea";
  await mkdir(work, { recursive: true });
  const main = join(work, "infisical.cjs");
  const { chunks } = await buildEntry(main, { singleExecutable: true });
  const codeCaches = await makeCodeCaches(join(work, "code-cache"));
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
        ...Object.fromEntries(chunks.map((name) => [name, join(CHUNKS, name)])),
        ...Object.fromEntries(
          codeCaches.map((name) => [`code-cache/${name}`, join(work, "code-cache", name)]),
        ),
      },
    }),
  );
  execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: "inherit" });
  const executable = `dist/infisical-${process.platform}-${process.arch}`;
  await copyFile(process.execPath, executable);
  await chmod(executable, 0o755);
  const postject = new URL("../node_modules/postject/dist/cli.js", import.meta.url).pathname;
  execFileSync(
    process.execPath,
    [
      postject,
      executable,
      "NODE_SEA_BLOB",
      blob,
      "--sentinel-fuse",
      "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  console.log(`built ${executable}`);
}

/**
 * Code caches for the commands a single executable runs most, made by running the built CLI
 * (the same node binary the executable is made from) against its own dev server: each command
 * twice, as the second run of a command is the one that writes its cache (src/startup/). The
 * executable carries them, so that its first run of a command is as fast as later ones.
 */
async function makeCodeCaches(outDir) {
  const home = await mkdtemp(join(tmpdir(), "infisical-code-cache-"));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    INFISICAL_CONFIG_DIR: join(home, "config"),
    INFISICAL_CACHE_DIR: join(home, "cache"),
    NO_COLOR: "1",
  };
  const cli = (args, input) =>
    execFileSync(process.execPath, ["dist/cli.cjs", ...args], {
      env,
      input,
      encoding: "utf8",
      timeout: 60_000,
    });
  const server = spawn(process.execPath, ["dist/cli.cjs", "dev-server", "--json"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const info = JSON.parse(
      await new Promise((resolve, reject) => {
        createInterface({ input: server.stdout }).once("line", resolve);
        server.once("exit", () => reject(new Error("the dev server exited before it was ready")));
      }),
    );
    env.INFISICAL_DOMAIN = info.url;
    const project = ["--projectId", info.projectId];
    for (let run = 0; run < 2; run += 1) {
      cli(["login", "--email", info.email, "--password-stdin", "--silent"], info.password);
      const create = ["service-token", "create", ...project, "-s", "dev:/", "-a", "read"];
      const token = cli([...create, "--token-only"]).trim();
      cli(["service-token", "view", token]);
      cli(["service-token", "list", ...project]);
      cli(["whoami"]);
    }
  } finally {
    server.kill("SIGINT");
    await new Promise((resolve) =>
      server.exitCode === null ? server.once("exit", resolve) : resolve(),
    );
  }
  const [build, ...others] = await readdir(join(env.INFISICAL_CACHE_DIR, "code"));
  if (others.length > 0) throw new Error(`code caches for more than one build: ${others}`);
  const made = join(env.INFISICAL_CACHE_DIR, "code", build);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const names = [];
  for (const name of await readdir(made)) {
    // The dev server ran once: its file is only the first run's marker, with no data.
    if (!name.endsWith(".bin") || (await stat(join(made, name))).size < 1024) continue;
    await copyFile(join(made, name), join(outDir, name));
    names.push(name);
  }
  await rm(home, { recursive: true, force: true });
  return names;
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
    plugins: [axiosWithoutFetch, axiosWithoutFormDataProbe, axiosLazyProxyAgent, lazyBuiltins],
  });
  // Each chunk as CommonJS: import() becomes a require() of the chunk, made on first use.
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
    await writeFile(file.path, code);
  }
  await buildEntry("dist/cli.cjs", { singleExecutable: false });
}
