import { describe, expect, it } from "vitest";
import { globMatches, isGlob } from "../../src/core/path-glob.js";

describe("secret-path globs", () => {
  const table: [string, string, boolean][] = [
    ["/", "/", true],
    ["/", "/a", false],
    ["/**", "/", true],
    ["/**", "/a/b", true],
    ["/backend/**", "/backend", true],
    ["/backend/**", "/backend/x/y", true],
    ["/backend/**", "/frontend", false],
    ["/*", "/a", true],
    ["/*", "/a/b", false],
    ["/a?", "/ab", true],
    ["/{a,b}/x", "/b/x", true],
    ["/{a,b}/x", "/c/x", false],
    ["/a.b", "/aXb", false],
  ];
  for (const [pattern, path, expected] of table) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${path}`, () =>
      expect(globMatches(pattern, path)).toBe(expected));
  }
  it("knows a glob", () => {
    expect(isGlob("/a/**")).toBe(true);
    expect(isGlob("/a/b")).toBe(false);
  });
});
