// Prints the bin directory of Node <major> (22, 24) for this platform, fetched once from the npm
// registry (the only download source CI has) and kept outside the checkout, in
// ${XDG_CACHE_HOME:-~/.cache}/infisical-ts-node/node-<major> (%LOCALAPPDATA% on Windows).
//   node scripts/node-line.mjs 24
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rename, rm, mkdir } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { binaryInPackage, npmCommand, registryPackage } from "./build/node-lines.mjs";

function cacheRoot() {
  if (process.platform === "win32" && process.env.LOCALAPPDATA) {
    return join(process.env.LOCALAPPDATA, "infisical-ts-node");
  }
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "infisical-ts-node");
}

/** The bin directory of Node <major>, fetching it first if this machine has not yet. */
export async function nodeLineBin(major) {
  const target = join(cacheRoot(), `node-${major}`);
  const binary = join(target, binaryInPackage(process.platform));
  if (existsSync(binary)) return dirname(binary);
  const pkg = registryPackage(process.platform, process.arch);
  if (!pkg)
    throw new Error(`the npm registry has no Node binary for ${process.platform}-${process.arch}`);
  const work = await mkdtemp(join(tmpdir(), "infisical-node-line-"));
  try {
    const npm = npmCommand(process.platform);
    execFileSync(npm.file, ["pack", `${pkg}@${major}`, "--silent"], {
      cwd: work,
      shell: npm.shell,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const tarball = (await readdir(work)).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${pkg}@${major} gave no tarball`);
    execFileSync("tar", ["-xzf", tarball], { cwd: work, stdio: "inherit" });
    await mkdir(dirname(target), { recursive: true });
    await rm(target, { recursive: true, force: true });
    await rename(join(work, "package"), target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return dirname(binary);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const major = process.argv[2];
  if (!/^\d+$/.test(major ?? "")) {
    console.error("usage: node scripts/node-line.mjs <major>   (for example 24)");
    process.exit(2);
  }
  try {
    console.log(await nodeLineBin(major));
  } catch (error) {
    console.error(`node-line: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
