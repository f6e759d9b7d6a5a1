import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILD_INFO, sourceHash } from "../../scripts/build/source-hash.mjs";

/** Why dist/ under `root` is not a build of the sources there, or undefined when it is. */
export function staleBuildReason(root: string): string | undefined {
  let built: unknown;
  try {
    built = (JSON.parse(readFileSync(join(root, BUILD_INFO), "utf8")) as { sourceHash?: unknown })
      .sourceHash;
  } catch {
    return `${BUILD_INFO} is missing: dist/ has not been built`;
  }
  const current = sourceHash(root);
  return built === current
    ? undefined
    : `dist/ was built from other sources (${String(built)}) than the checkout's (${current})`;
}
