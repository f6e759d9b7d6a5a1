// esbuild configuration that keeps out of the bundle, or loads late, what the CLI does not need
// at start-up: used by scripts/build.mjs for the program's chunks.
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";

const stub = (name) => fileURLToPath(new URL(`../stubs/${name}`, import.meta.url));
/** Packages kept out of the bundle: who pulls them in, and why they are not needed. */
export const STUBS = {
  "form-data": stub("form-data.cjs"), // axios: multipart bodies
  "follow-redirects": stub("follow-redirects.cjs"), // axios: redirects, which the CLI refuses
  debug: stub("debug.cjs"), // follow-redirects and others: debug logging and its colour detection
  "js-yaml": stub("unused-loader.cjs"), // cosmiconfig: YAML config files
  typescript: stub("unused-loader.cjs"), // cosmiconfig: TypeScript config files
};

/** esbuild gives Windows paths with backslashes: every path test below is made on this form. */
export const slashed = (path) => path.replaceAll("\\", "/");

/**
 * Lines of dependencies that cost start-up time for nothing the CLI uses, each replaced at build
 * time by one with the same effect for the CLI. The build fails if a line is no longer found, so
 * an upgrade cannot silently undo an edit.
 */
export const DEPENDENCY_EDITS = [
  {
    // In Node the FormData getter loads the whole fetch implementation (undici, and with it http2
    // and tls: about 35 ms). The value only serves a shortcut in isFormData, whose other test
    // (the [object FormData] tag) still recognises one.
    file: "axios/lib/utils.js",
    find: "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;",
    replace: "const FormDataCtor = undefined;",
  },
  {
    // The performance global loads perf_hooks and eight internal modules (0.7 ms on Node 22) to
    // time each request; process.hrtime is the same monotonic clock, already loaded.
    file: "axios/lib/core/dispatchRequest.js",
    find: "typeof performance !== 'undefined' && utils.isFunction(performance.now)\n    ? () => performance.now()\n    : Date.now",
    replace: "() => Number(process.hrtime.bigint()) / 1e6",
  },
  {
    // Node 21+ has a navigator global, made on first read; axios reads it only to tell React
    // Native and NativeScript apart from browsers, and Node is neither (no window, no document).
    file: "axios/lib/platform/common/utils.js",
    find: "const _navigator = (typeof navigator === 'object' && navigator) || undefined;",
    replace: "const _navigator = undefined;",
  },
  {
    // Every zod schema binds 24 of its methods to itself when made, so that they work detached
    // (`list.map(schema.parse)`): two thirds of the time of making a schema, and garbage. The CLI
    // calls them on their schemas only (eslint forbids detached parse/safeParse in src/).
    file: "zod/v3/types.js",
    find: "        this.parse = this.parse.bind(this);\n        this.safeParse = this.safeParse.bind(this);\n        this.parseAsync = this.parseAsync.bind(this);\n        this.safeParseAsync = this.safeParseAsync.bind(this);\n        this.spa = this.spa.bind(this);\n        this.refine = this.refine.bind(this);\n        this.refinement = this.refinement.bind(this);\n        this.superRefine = this.superRefine.bind(this);\n        this.optional = this.optional.bind(this);\n        this.nullable = this.nullable.bind(this);\n        this.nullish = this.nullish.bind(this);\n        this.array = this.array.bind(this);\n        this.promise = this.promise.bind(this);\n        this.or = this.or.bind(this);\n        this.and = this.and.bind(this);\n        this.transform = this.transform.bind(this);\n        this.brand = this.brand.bind(this);\n        this.default = this.default.bind(this);\n        this.catch = this.catch.bind(this);\n        this.describe = this.describe.bind(this);\n        this.pipe = this.pipe.bind(this);\n        this.readonly = this.readonly.bind(this);\n        this.isNullable = this.isNullable.bind(this);\n        this.isOptional = this.isOptional.bind(this);\n",
    replace: "",
  },
];

const dependencyEdits = {
  name: "dependency-edits",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, async (args) => {
      const edits = DEPENDENCY_EDITS.filter((edit) =>
        slashed(args.path).endsWith(`/node_modules/${edit.file}`),
      );
      if (edits.length === 0) return undefined;
      let source = await readFile(args.path, "utf8");
      for (const { file, find, replace } of edits) {
        if (!source.includes(find)) throw new Error(`${file} changed: "${find}" not found`);
        source = source.replace(find, replace);
      }
      return { contents: source, loader: "js" };
    });
  },
};

/**
 * Imports answered by a stand-in from scripts/stubs/: `specifier` (with or without `node:`),
 * imported from a file whose path contains `importer`, resolves to `stub`.
 */
const STAND_INS = [
  {
    // The fetch adapter probes fetch() when loaded, which loads Node's undici: kept out.
    specifier: "./fetch.js",
    importer: "/axios/lib/adapters/adapters.js",
    stub: "axios-fetch.js",
  },
  {
    // axios's HTTP adapter reads zlib's constants and probes its decompressors when it is
    // loaded (zlib: about 1 ms); the stand-in answers those from fixed values (a test compares
    // them with the real module on every Node line) and loads zlib for a compressed answer.
    specifier: "zlib",
    importer: "/axios/lib/adapters/http.js",
    stub: "axios-zlib.cjs",
  },
  {
    // axios imports https-proxy-agent up front; the stand-in loads it on first use (proxy only).
    specifier: "https-proxy-agent",
    importer: "/node_modules/axios/",
    stub: "https-proxy-agent.cjs",
  },
  {
    // chalk detects colour support when imported (node:tty, node:os, the environment); the CLI
    // sets the level of every instance itself, so chalk gets a stand-in that detects nothing.
    specifier: "#supports-color",
    importer: "/node_modules/chalk/",
    stub: "supports-color.js",
  },
  {
    // chalk builds its styles when it is loaded (about 0.5 ms and 100 KB of garbage); a run that
    // writes nothing coloured (--token-only, --json) never makes a paint (src/context.ts), so the
    // program's color.ts gets a Chalk that loads chalk on first use.
    specifier: "chalk",
    importer: "/src/output/color.ts",
    stub: "lazy-chalk.cjs",
  },
];

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const standIns = {
  name: "stand-ins",
  setup(b) {
    const filter = new RegExp(
      `^(node:)?(${STAND_INS.map((s) => escaped(s.specifier)).join("|")})$`,
    );
    b.onResolve({ filter }, (args) => {
      const specifier = args.path.replace(/^node:/, "");
      const standIn = STAND_INS.find(
        (s) => s.specifier === specifier && slashed(args.importer).includes(s.importer),
      );
      return standIn ? { path: stub(standIn.stub) } : undefined;
    });
  },
};

/**
 * Node modules that a dependency imports up front but uses only on some paths are loaded on
 * first use instead: axios's HTTP/2 transport (http2, about 8 ms here), axios's https and the
 * proxy agent's tls (about 10 ms; only an https:// domain or a proxy needs them) and commander's
 * executable subcommands (child_process, about 5 ms); and node:os for the config paths, which
 * need it only without HOME or on Windows (0.2 ms).
 */
const LAZY_BUILTINS = [
  { module: "http2", importer: "/node_modules/axios/" },
  { module: "https", importer: "/node_modules/axios/" },
  { module: "tls", importer: "/node_modules/https-proxy-agent/" },
  { module: "child_process", importer: "/node_modules/commander/" },
  { module: "os", importer: "/src/config/paths.ts" },
];
export const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(http2|https|tls|child_process|os)$/ }, (args) => {
      const name = args.path.replace(/^node:/, "");
      const lazy = LAZY_BUILTINS.some(
        (l) => l.module === name && slashed(args.importer).includes(l.importer),
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

/**
 * A default import of a Node module (axios: `import util from "util"`) reaches the CommonJS
 * chunks as esbuild's interop copy of the module, which reads the descriptor of every property:
 * on Node 22 and 24 that materialises util's lazy parseArgs, diff and setTraceSigInt, loading 32
 * more built-in modules (worker_threads among them; about 3 ms). A dependency's file that imports
 * a Node module only by default gets the module itself instead. (Named imports need no copy; were
 * one sent to the stand-in by mistake, the build would fail, never read undefined.)
 */
const IMPORT_CLAUSE = /import\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const defaultOnlyImports = new Map();
async function importsOnlyByDefault(file, specifier) {
  if (!defaultOnlyImports.has(file)) {
    const clauses = new Map();
    for (const [, clause, from] of (await readFile(file, "utf8")).matchAll(IMPORT_CLAUSE))
      clauses.set(from, [...(clauses.get(from) ?? []), clause]);
    defaultOnlyImports.set(file, clauses);
  }
  const clauses = defaultOnlyImports.get(file).get(specifier) ?? [];
  return clauses.length > 0 && clauses.every((clause) => /^[\w$]+$/.test(clause));
}
const builtinDefaultsWithoutCopy = {
  name: "builtin-defaults-without-copy",
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_]+$/ }, async (args) => {
      const name = args.path.replace(/^node:/, "");
      if (args.kind !== "import-statement" || !isBuiltin(name)) return undefined;
      if (!slashed(args.importer).includes("/node_modules/")) return undefined;
      if (!(await importsOnlyByDefault(args.importer, args.path))) return undefined;
      return { path: name, namespace: "builtin-default" };
    });
    b.onLoad({ filter: /.*/, namespace: "builtin-default" }, (args) => ({
      contents: `export default require("node:${args.path}");`,
      loader: "js",
    }));
  },
};

/** The plugins for the program's build, in the order they apply. */
export const programPlugins = [standIns, dependencyEdits, lazyBuiltins, builtinDefaultsWithoutCopy];
