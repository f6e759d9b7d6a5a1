import { describe, expect, it } from "vitest";
import {
  describeScope,
  normaliseSecretPath,
  parseScope,
  parseScopes,
} from "../../src/core/scope.js";
import { UsageError } from "../../src/errors.js";
import { splitListValue } from "../../src/core/list-value.js";

describe("splitListValue", () => {
  const cases: [string, string[]][] = [
    ["", []],
    ["dev:/", ["dev:/"]],
    ["dev:/a,prod:/b", ["dev:/a", "prod:/b"]],
    ["dev:/{a,b}/**,prod:/", ["dev:/{a,b}/**", "prod:/"]],
    ["dev:/{a,{b,c}}", ["dev:/{a,{b,c}}"]],
    ['"dev:/a,b",prod:/', ["dev:/a,b", "prod:/"]],
    ['"say ""hi"""', ['say "hi"']],
    ["dev:/,", ["dev:/", ""]],
    ["a,,b", ["a", "", "b"]],
    ["dev:/}a,b", ["dev:/}a", "b"]],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => expect(splitListValue(input, "--scope")).toEqual(expected));
  }
  for (const bad of ['a"b', '"open', '"x"y']) {
    it(`rejects ${bad}`, () => expect(() => splitListValue(bad, "--scope")).toThrow(UsageError));
  }
});

describe("parseScope", () => {
  const ok: [string, string, string][] = [
    ["dev:/", "dev", "/"],
    ["dev://", "dev", "/"],
    ["dev:/backend/", "dev", "/backend"],
    ["dev:/a//", "dev", "/a"],
    [" prod : /api/** ", "prod", "/api/**"],
    ["my_env-2:/x:y", "my_env-2", "/x:y"],
  ];
  for (const [input, environment, secretPath] of ok) {
    it(`${input} -> ${environment} ${secretPath}`, () =>
      expect(parseScope(input)).toEqual({ environment, secretPath }));
  }
  const bad: [string, RegExp][] = [
    ["dev", /has no path/],
    [":/x", /environment slug before ':' is missing/],
    ["dev:", /path after ':' is missing/],
    ["dev:backend", /must start with '\/' \(did you mean dev:\/backend\?\)/],
    ["", /empty/],
    ["d.v:/", /only letters, digits/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      expect(() => parseScope(input)).toThrow(message);
      try {
        parseScope(input);
      } catch (error) {
        expect((error as UsageError).exitCode).toBe(2);
        expect((error as UsageError).hint).toContain("<environment>:<path>");
      }
    });
  }
});

describe("parseScopes", () => {
  it("flattens repeated and comma-separated values and collapses duplicates in order", () => {
    expect(parseScopes(["dev:/a/,dev:/a", "prod:/", "dev:/a"])).toEqual([
      { environment: "dev", secretPath: "/a" },
      { environment: "prod", secretPath: "/" },
    ]);
  });
  it("requires at least one scope", () => {
    expect(() => parseScopes([])).toThrow(/no scope given/);
    expect(() => parseScopes([""])).toThrow(/no scope given/);
  });
  it("normalises paths", () => {
    expect(normaliseSecretPath("///")).toBe("/");
    expect(normaliseSecretPath("/a/b/")).toBe("/a/b");
  });
});

describe("describeScope: what a scope grants, as the server enforces it", () => {
  const table: [string, string][] = [
    ["dev:/", "root folder only"],
    ["dev:/**", "every folder"],
    ["dev:/api", "folder /api only"],
    ["dev:/api/**", "/api and every folder below it"],
    ["dev:/api/*", "the folders that match the pattern"],
    ["dev:/{a,b}/**", "the folders that match the pattern"],
  ];
  it.each(table)("%s: %s", (scope, words) => {
    expect(describeScope(parseScope(scope))).toBe(words);
  });
});
