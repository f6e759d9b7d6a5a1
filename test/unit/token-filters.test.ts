import { describe, expect, it } from "vitest";
import type { ServiceTokenData } from "../../src/api/schemas.js";
import {
  nameGlob,
  parseTokenFilters,
  scopeReaches,
  selectTokens,
} from "../../src/core/token-filters.js";

const NOW = new Date("2026-11-29T12:00:00Z");
const token = (fields: Partial<ServiceTokenData>): ServiceTokenData => ({
  id: "id",
  name: "t",
  scopes: [{ environment: "dev", secretPath: "/" }],
  permissions: ["read"],
  lastUsed: null,
  expiresAt: null,
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
  createdBy: "u",
  projectId: "p",
  ...fields,
});
const select = (flags: Parameters<typeof parseTokenFilters>[0], t: ServiceTokenData) =>
  selectTokens([t], parseTokenFilters(flags), NOW).length === 1;

describe("token filters", () => {
  it("names match as shell globs: * any run, ? one character, everything else literally", () => {
    expect(nameGlob("ci-*").test("ci-backend")).toBe(true);
    expect(nameGlob("ci-*").test("CI-backend")).toBe(false);
    expect(nameGlob("a.b").test("axb")).toBe(false);
    expect(nameGlob("(x)?").test("(x)1")).toBe(true);
    expect(nameGlob("*").test("line\nbreak")).toBe(true);
  });

  it("a scope is reached by the same scope or a glob covering it, never across environments", () => {
    const t = token({
      scopes: [
        { environment: "dev", secretPath: "/" },
        { environment: "prod", secretPath: "/api/**" },
      ],
    });
    expect(scopeReaches(t, "dev:/")).toBe(true);
    expect(scopeReaches(t, "dev:/api")).toBe(false);
    expect(scopeReaches(t, "prod:/api")).toBe(true);
    expect(scopeReaches(t, "prod:/api/v1/x")).toBe(true);
    expect(scopeReaches(t, "prod:/web")).toBe(false);
    expect(scopeReaches(t, "staging:/")).toBe(false);
    expect(scopeReaches(t, "prod:/api/**")).toBe(true);
  });

  it("expiry: expired at the very moment; expiring-within excludes the already expired", () => {
    const at = (iso: string) => token({ expiresAt: iso });
    expect(select({ expired: true }, at("2026-11-29T12:00:00Z"))).toBe(true);
    expect(select({ expired: true }, at("2026-11-29T12:00:01Z"))).toBe(false);
    expect(select({ expired: true }, token({ expiresAt: null }))).toBe(false);
    expect(select({ expiresWithin: "1d" }, at("2026-11-30T12:00:00Z"))).toBe(true);
    expect(select({ expiresWithin: "1d" }, at("2026-11-30T12:00:01Z"))).toBe(false);
    expect(select({ expiresWithin: "1d" }, at("2026-11-29T11:00:00Z"))).toBe(false);
    expect(select({ neverExpires: true }, token({ expiresAt: null }))).toBe(true);
  });

  it("unused: the last use, or the creation for a token never used", () => {
    expect(select({ unusedFor: "4w" }, token({ lastUsed: null }))).toBe(true);
    expect(select({ unusedFor: "4w" }, token({ lastUsed: "2026-11-28T00:00:00Z" }))).toBe(false);
    expect(select({ unusedFor: "1d" }, token({ lastUsed: "2026-11-28T12:00:00Z" }))).toBe(true);
  });

  it("no filters select everything; contradictions and bad durations are usage errors", () => {
    expect(parseTokenFilters({})).toEqual([]);
    expect(() => parseTokenFilters({ expiresWithin: "7d", neverExpires: true })).toThrow(
      "select nothing",
    );
    expect(() => parseTokenFilters({ unusedFor: "0s" })).toThrow(
      'invalid --unused-for "0s": a duration must be longer than zero',
    );
  });
});
