import { describe, expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { slashed } from "../../scripts/build/trim-dependencies.mjs";

describe("build plugins on every platform", () => {
  it("test paths in one form, so that Windows paths (backslashes) match as POSIX ones do", () => {
    const toSlashed = slashed as (path: string) => string;
    expect(toSlashed("C:\\work\\node_modules\\axios\\lib\\adapters\\adapters.js")).toBe(
      "C:/work/node_modules/axios/lib/adapters/adapters.js",
    );
    expect(toSlashed("/home/me/a b/node_modules/axios/lib/utils.js")).toBe(
      "/home/me/a b/node_modules/axios/lib/utils.js",
    );
  });
});
