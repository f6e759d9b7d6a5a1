// Bundles the CLI into dist/: one ESM entry plus chunks loaded lazily by each command, so that
// nothing from node_modules is needed at run time and --help stays cheap.
import { build } from "esbuild";
import { readFile, rm } from "node:fs/promises";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: "src/bin.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: process.env.NO_MINIFY !== "1",
  legalComments: "none",
  chunkNames: "chunks/[name]-[hash]",
  define: { __INFISICAL_TS_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies (axios's helpers) still call require() for Node built-ins.
  banner: {
    js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  // cosmiconfig only loads TypeScript for .ts config files, which we never search for.
  external: ["typescript"],
  logLevel: "warning",
});
