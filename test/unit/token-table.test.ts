import { describe, expect, it } from "vitest";
import type { ServiceTokenData } from "../../src/api/schemas.js";
import { tokenLines, tokenTable } from "../../src/output/token-list.js";

const now = new Date("2026-11-28T12:00:00Z");
const token = (over: Partial<ServiceTokenData>): ServiceTokenData => ({
  id: "c1a9e1b4-6d25-4eed-b5e7-dc17b7cfb737",
  name: "backend CI",
  scopes: [
    { environment: "dev", secretPath: "/backend/**" },
    { environment: "staging", secretPath: "/" },
  ],
  permissions: ["read", "write"],
  lastUsed: null,
  expiresAt: "2026-12-05T12:00:00.000Z",
  createdAt: "2026-11-28T11:00:00.000Z",
  updatedAt: "2026-11-28T11:00:00.000Z",
  createdBy: "u",
  projectId: "p",
  expiryNotificationSent: false,
  ...over,
});

describe("tokenTable", () => {
  for (const width of [60, 80, 100, 120, 200]) {
    it(`fits ${width} columns`, () => {
      const lines = tokenTable(
        [token({}), token({ name: "x".repeat(80), expiresAt: null })],
        now,
        width,
      )
        .trimEnd()
        .split("\n");
      expect(lines[0]).toMatch(/^ID\s+NAME\s+SCOPES/);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(Math.max(width, 20));
    });
  }
  it("gives up scope and date width before the name", () => {
    const [, row] = tokenTable([token({})], now, 120).split("\n");
    expect(row).toContain("backend CI");
    expect(row).toContain("in 7 days");
  });
  it("shows never, expired and relative times", () => {
    const out = tokenTable(
      [
        token({ expiresAt: null, lastUsed: "2026-11-28T11:58:00.000Z" }),
        token({ expiresAt: "2026-11-27T12:00:00.000Z" }),
      ],
      now,
      200,
    );
    expect(out).toContain("never");
    expect(out).toContain("2 minutes ago");
    expect(out).toContain("expired 1 day ago");
  });
});

describe("tokenLines", () => {
  it("is tab-separated with full values and no header", () => {
    expect(tokenLines([token({ expiresAt: null })])).toBe(
      "c1a9e1b4-6d25-4eed-b5e7-dc17b7cfb737\tbackend CI\tdev:/backend/** staging:/\tread,write\tnever\tnever\t2026-11-28T11:00:00.000Z\n",
    );
  });
});
