import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceHash } from "../../scripts/build/source-hash.mjs";
import { tempDir } from "../helpers/env.js";
import { staleBuildReason } from "../helpers/stale-build.js";

describe("the spawned suite's check of dist/", () => {
  it("passes a build of these sources, and refuses a missing or older one", () => {
    const root = tempDir();
    mkdirSync(join(root, "src"));
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "src", "a.ts"), "export const a = 1;\n");
    expect(staleBuildReason(root)).toMatch(/missing/);

    writeFileSync(
      join(root, "dist", "build-info.json"),
      JSON.stringify({ sourceHash: sourceHash(root) }),
    );
    expect(staleBuildReason(root)).toBeUndefined();

    writeFileSync(join(root, "src", "a.ts"), "export const a = 2;\n");
    expect(staleBuildReason(root)).toMatch(/built from other sources/);
  });
});
