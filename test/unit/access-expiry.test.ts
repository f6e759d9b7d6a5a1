import { describe, expect, it } from "vitest";
import { parseAccessLevels } from "../../src/core/access-level.js";
import { parseDuration, parseExpirySeconds, resolveExpiry } from "../../src/core/expiry.js";
import { buildCreateRequestBody, parseCreateInput } from "../../src/core/create-request.js";

describe("parseAccessLevels", () => {
  const ok: [string[], string[]][] = [
    [["read"], ["read"]],
    [["write"], ["write"]],
    [["write,read"], ["read", "write"]],
    [
      ["READ", " Write "],
      ["read", "write"],
    ],
    [["read", "read,read"], ["read"]],
  ];
  for (const [input, expected] of ok)
    it(input.join(" "), () => expect(parseAccessLevels(input)).toEqual(expected));
  it("rejects anything else", () => {
    expect(() => parseAccessLevels(["admin"])).toThrow(
      'invalid --access-level "admin": use read or write',
    );
    expect(() => parseAccessLevels(["readValue"])).toThrow(/use read or write/);
    expect(() => parseAccessLevels(["read,"])).toThrow(/invalid --access-level ""/);
  });
  it("requires one", () => expect(() => parseAccessLevels([])).toThrow(/no access level given/));
});

describe("expiry", () => {
  const seconds: [string, number][] = [
    ["0", 0],
    ["86400", 86400],
    ["315360000", 315360000],
    [" 60 ", 60],
  ];
  for (const [input, expected] of seconds)
    it(`-e ${input}`, () => expect(parseExpirySeconds(input)).toBe(expected));
  for (const bad of ["-1", "1.5", "abc", "315360001", "", "1e3", "0x10"]) {
    it(`-e ${JSON.stringify(bad)} is refused`, () =>
      expect(() => parseExpirySeconds(bad)).toThrow(/invalid --expiry-seconds/));
  }

  const durations: [string, number][] = [
    ["90s", 90],
    ["15m", 900],
    ["12h", 43_200],
    ["7d", 604_800],
    ["2w", 1_209_600],
    ["1y", 31_536_000],
    ["10y", 315_360_000],
    ["never", 0],
    ["NEVER", 0],
  ];
  for (const [input, expected] of durations)
    it(`--expires-in ${input}`, () => expect(parseDuration(input)).toBe(expected));
  for (const bad of ["0s", "11y", "3 days", "1.5h", "h", "-1d", "5"]) {
    it(`--expires-in ${bad} is refused`, () =>
      expect(() => parseDuration(bad)).toThrow(/invalid --expires-in/));
  }

  it("defaults to one day and refuses both flags together", () => {
    expect(resolveExpiry({})).toBe(86400);
    expect(resolveExpiry({ expiresIn: "1h" })).toBe(3600);
    expect(() => resolveExpiry({ expirySeconds: "5", expiresIn: "1h" })).toThrow(
      /cannot be used together/,
    );
  });
});

describe("create request", () => {
  it("is built in the Go CLI's key order with a number for expiresIn", () => {
    const input = parseCreateInput({
      scope: ["dev:/a/"],
      accessLevel: ["write,read"],
      name: " ci ",
      expiresIn: "never",
    });
    const body = buildCreateRequestBody(input, "proj", "ab".repeat(16));
    expect(JSON.stringify(body)).toBe(
      '{"name":"ci","workspaceId":"proj","scopes":[{"environment":"dev","secretPath":"/a"}],"expiresIn":0,"encryptedKey":"","iv":"","tag":"","randomBytes":"abababababababababababababababab","permissions":["read","write"]}',
    );
  });
  it("checks scopes before access levels before expiry before name", () => {
    expect(() => parseCreateInput({ name: "", expirySeconds: "x" })).toThrow(/no scope/);
    expect(() => parseCreateInput({ scope: ["dev:/"], name: "", expirySeconds: "x" })).toThrow(
      /no access level/,
    );
    expect(() =>
      parseCreateInput({ scope: ["dev:/"], accessLevel: ["read"], name: "", expirySeconds: "x" }),
    ).toThrow(/expiry/);
    expect(() => parseCreateInput({ scope: ["dev:/"], accessLevel: ["read"], name: "" })).toThrow(
      /--name is blank/,
    );
  });
});
