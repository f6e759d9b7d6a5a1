import { describe, expect, it } from "vitest";
import { isInsecureRemote, parseDomain, resolveDomain } from "../../src/config/domain.js";
import { configDir } from "../../src/config/paths.js";
import { resolveProjectId } from "../../src/config/project-id.js";
import { CliError, UsageError } from "../../src/errors.js";

describe("parseDomain", () => {
  const cases: [string, string, string][] = [
    ["https://app.infisical.com", "https://app.infisical.com", "https://app.infisical.com/api"],
    ["https://app.infisical.com/", "https://app.infisical.com", "https://app.infisical.com/api"],
    ["https://app.infisical.com/api", "https://app.infisical.com", "https://app.infisical.com/api"],
    [
      "https://app.infisical.com/api/",
      "https://app.infisical.com",
      "https://app.infisical.com/api",
    ],
    ["  https://eu.infisical.com//  ", "https://eu.infisical.com", "https://eu.infisical.com/api"],
    [
      "http://127.0.0.1:8080/infisical/api",
      "http://127.0.0.1:8080/infisical",
      "http://127.0.0.1:8080/infisical/api",
    ],
    ["HTTPS://Host.Example.COM", "https://host.example.com", "https://host.example.com/api"],
  ];
  for (const [input, siteUrl, apiBase] of cases) {
    it(input, () => expect(parseDomain(input, "--domain")).toEqual({ siteUrl, apiBase }));
  }
  it("refuses what is not an http(s) URL; a usage error only for the flag", () => {
    expect(() => parseDomain("app.infisical.com", "--domain")).toThrow(UsageError);
    expect(() => parseDomain("ftp://x", "INFISICAL_DOMAIN")).toThrow(CliError);
    expect(() => parseDomain("ftp://x", "INFISICAL_DOMAIN")).not.toThrow(UsageError);
    expect(() => parseDomain("https://x/?a=1", "--domain")).toThrow(/query string/);
    expect(() => parseDomain("https://u:p@x", "--domain")).toThrow(/credentials/);
  });
  it("knows loopback from remote", () => {
    expect(isInsecureRemote(parseDomain("http://localhost:8080", "x"))).toBe(false);
    expect(isInsecureRemote(parseDomain("http://127.0.0.5", "x"))).toBe(false);
    expect(isInsecureRemote(parseDomain("http://[::1]:3000", "x"))).toBe(false);
    expect(isInsecureRemote(parseDomain("http://infisical.lan", "x"))).toBe(true);
    expect(isInsecureRemote(parseDomain("https://infisical.lan", "x"))).toBe(false);
  });
});

describe("resolveDomain", () => {
  const file = { domain: "https://file.example", filepath: "/p/.infisical.json" };
  const all = {
    INFISICAL_DOMAIN: "https://env.example",
    INFISICAL_API_URL: "https://legacy.example/api",
  };
  const table: [Parameters<typeof resolveDomain>[0], string, string][] = [
    [
      {
        flag: "https://flag.example",
        env: all,
        projectFile: file,
        latestLogin: "https://login.example",
      },
      "https://flag.example",
      "--domain",
    ],
    [
      { env: all, projectFile: file, latestLogin: "https://login.example" },
      "https://env.example",
      "INFISICAL_DOMAIN",
    ],
    [
      { env: { INFISICAL_API_URL: all.INFISICAL_API_URL }, projectFile: file },
      "https://legacy.example",
      "INFISICAL_API_URL",
    ],
    [
      { env: { INFISICAL_DOMAIN: "  " }, projectFile: file, latestLogin: "https://login.example" },
      "https://file.example",
      ".infisical.json",
    ],
    [{ env: {}, latestLogin: "https://login.example" }, "https://login.example", "stored login"],
    [{ env: {} }, "https://app.infisical.com", "default"],
  ];
  for (const [inputs, siteUrl, source] of table) {
    it(`${source}`, () => {
      const resolved = resolveDomain(inputs);
      expect(resolved.domain.siteUrl).toBe(siteUrl);
      expect(resolved.source).toBe(source);
    });
  }
});

describe("resolveProjectId", () => {
  const projectFile = { filepath: "/repo/.infisical.json", config: { workspaceId: " from-file " } };
  it("prefers the flag, then the variable, then the file", () => {
    expect(
      resolveProjectId({ flag: " f ", env: { INFISICAL_PROJECT_ID: "e" }, projectFile }).projectId,
    ).toBe("f");
    expect(resolveProjectId({ env: { INFISICAL_PROJECT_ID: " e " }, projectFile }).projectId).toBe(
      "e",
    );
    expect(resolveProjectId({ env: { INFISICAL_PROJECT_ID: "" }, projectFile })).toEqual({
      projectId: "from-file",
      detail: "/repo/.infisical.json",
    });
  });
  it("names every source when none has an id", () => {
    expect(() => resolveProjectId({ env: {} })).toThrow(
      "no project id: pass --projectId, set INFISICAL_PROJECT_ID, or run from a directory with an .infisical.json",
    );
    expect(() =>
      resolveProjectId({ env: {}, projectFile: { filepath: "/r/.infisical.json", config: {} } }),
    ).toThrow("/r/.infisical.json has no workspaceId");
    expect(() => resolveProjectId({ flag: "", env: {} })).toThrow(/--projectId is empty/);
  });
});

describe("configDir", () => {
  it("INFISICAL_CONFIG_DIR > XDG_CONFIG_HOME > HOME/.config", () => {
    expect(configDir({ INFISICAL_CONFIG_DIR: "/c", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/c");
    expect(configDir({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/infisical-ts");
    expect(configDir({ HOME: "/h" })).toBe("/h/.config/infisical-ts");
  });
});
