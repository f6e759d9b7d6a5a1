import { describe, expect, it } from "vitest";
import type { ServiceTokenData } from "../../src/api/schemas.js";
import { tokenLines } from "../../src/output/token-list.js";
import { fitCell, shortIdLength, tokenTable } from "../../src/output/token-table.js";

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

/** 40 tokens, as in a real project: long and short names, several scopes, every expiry. */
const forty = Array.from({ length: 40 }, (_, i) =>
  token({
    id: `${(0x10000000 + i).toString(16)}-6d25-4eed-b5e7-dc17b7cfb737`,
    name: i % 3 ? `deploy pipeline for service number ${i}` : `ci-${i}`,
    expiresAt: i % 5 ? `2026-12-${String(1 + (i % 28)).padStart(2, "0")}T12:00:00.000Z` : null,
    lastUsed: i % 2 ? "2026-11-28T11:58:00.000Z" : null,
  }),
);

describe("tokenTable", () => {
  for (const width of [60, 80, 100, 120, 200]) {
    it(`fits ${width} columns, keeps ACCESS and EXPIRES, cuts no word, names what it left out`, () => {
      const { text, omitted } = tokenTable(forty, now, width);
      const lines = text.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^ID\s+NAME\s+.*ACCESS\s+EXPIRES/);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      // The relative expiry is whole in every row ("in 7 days", never "in 7 da").
      for (const line of lines.slice(1))
        expect(line).toMatch(/(in \d+ (day|days|week|weeks)|never|expired .* ago)/);
      if (width >= 200) expect(omitted).toEqual([]);
      if (width <= 80) expect(omitted).toEqual(expect.arrayContaining(["LAST USED", "CREATED"]));
      for (const header of omitted) expect(lines[0]).not.toContain(header);
    });
  }
  it("shows the shortest unique beginning of each id, from 8 characters; --wide the whole id", () => {
    expect(shortIdLength(["abcdefgh-1", "abcdefgh-2"])).toBe(10);
    expect(shortIdLength(["abcdefgh-1", "bbcdefgh-2"])).toBe(8);
    const { text } = tokenTable([token({})], now, 120);
    expect(text.split("\n")[1]).toMatch(/^c1a9e1b4\s/);
    expect(tokenTable([token({})], now, 200, { wide: true }).text).toContain(
      "c1a9e1b4-6d25-4eed-b5e7-dc17b7cfb737",
    );
  });
  it("measures display width: East Asian names and emoji take two cells", () => {
    const { text } = tokenTable([token({ name: "名前のトークン🎉".repeat(6) })], now, 60);
    for (const line of text.trimEnd().split("\n")) {
      let cells = 0;
      for (const ch of line) cells += /[\u3000-\u9fff\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1;
      expect(cells).toBeLessThanOrEqual(60);
    }
  });
  it("ends a cut cell with … at a word boundary when there is one", () => {
    expect(fitCell("deploy pipeline for payments", 20)).toBe("deploy pipeline for…");
    expect(fitCell("abcdefghijklmnopqrstuvwxyz", 10)).toBe("abcdefghi…");
    expect(fitCell("short", 10)).toBe("short");
  });
  it("shows never, expired and relative times", () => {
    const { text } = tokenTable(
      [
        token({ expiresAt: null, lastUsed: "2026-11-28T11:58:00.000Z" }),
        token({
          id: "d1a9e1b4-6d25-4eed-b5e7-dc17b7cfb737",
          expiresAt: "2026-11-27T12:00:00.000Z",
        }),
      ],
      now,
      200,
    );
    expect(text).toContain("never");
    expect(text).toContain("2 minutes ago");
    expect(text).toContain("expired 1 day ago");
  });
});

describe("tokenLines", () => {
  it("is tab-separated with full values and no header", () => {
    expect(tokenLines([token({ expiresAt: null })])).toBe(
      "c1a9e1b4-6d25-4eed-b5e7-dc17b7cfb737\tbackend CI\tdev:/backend/** staging:/\tread,write\tnever\tnever\t2026-11-28T11:00:00.000Z\n",
    );
  });
});
