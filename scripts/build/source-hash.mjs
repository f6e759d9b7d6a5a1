// A hash of everything a build is made from, written to dist/build-info.json by the build and
// compared by the spawned tests, which must not pass against a dist/ built from other sources.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const INPUTS = [
  "src",
  "scripts/build.mjs",
  "scripts/build",
  "scripts/help-snapshot.ts",
  "scripts/stubs",
  "package.json",
  "package-lock.json",
];

function files(root, path) {
  const full = join(root, path);
  const stats = statSync(full, { throwIfNoEntry: false });
  if (!stats) return [];
  if (!stats.isDirectory()) return [full];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, join(path, name)));
}

/** @param {string} root the checkout */
export function sourceHash(root) {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((path) => files(root, path))) {
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export const BUILD_INFO = "dist/build-info.json";
