import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SessionStore, type Session } from "../../src/auth/session-store.js";
import { tempDir } from "../helpers/env.js";

function session(domain: string, createdAt = "2026-11-28T00:00:00.000Z"): Session {
  return {
    domain,
    email: "a@b.c",
    organizationId: "o",
    token: `t-${domain}`,
    expiresAt: "2026-12-01T00:00:00.000Z",
    createdAt,
  };
}

describe("SessionStore", () => {
  it("creates the directory 0700 and the file 0600, keeping one entry per domain", async () => {
    const dir = join(tempDir(), "nested", "config");
    const store = new SessionStore(join(dir, "sessions.json"));
    await store.put(session("https://a"));
    await store.put(session("https://b", "2026-11-28T01:00:00.000Z"));
    await store.put({ ...session("https://a"), token: "newer" });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect((await store.readAll()).map((s) => s.domain).sort()).toEqual(["https://a", "https://b"]);
    expect((await store.get("https://a"))?.token).toBe("newer");
    expect((await store.latest())?.domain).toBe("https://b");
    expect(await store.remove("https://a")).toBe(true);
    expect(await store.remove("https://a")).toBe(false);
    expect(JSON.parse(readFileSync(store.file, "utf8")).sessions).toHaveLength(1);
  });

  it("keeps every entry when many writers race", async () => {
    const store = new SessionStore(join(tempDir(), "sessions.json"));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new SessionStore(store.file).put(session(`https://d${i % 10}`)),
      ),
    );
    const domains = (await store.readAll()).map((s) => s.domain);
    expect(new Set(domains).size).toBe(10);
    expect(domains).toHaveLength(10);
  });

  it("reports a corrupt or malformed file with its path and the fix", async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "sessions.json");
    writeFileSync(file, "{");
    await expect(new SessionStore(file).readAll()).rejects.toThrow(
      `the stored logins in ${file} cannot be read: it is not valid JSON`,
    );
    writeFileSync(file, JSON.stringify({ version: 1, sessions: [{ domain: "x" }] }));
    await expect(new SessionStore(file).readAll()).rejects.toThrow(/sessions\.0\.email: Required/);
  });

  it("treats a missing file as no logins", async () => {
    expect(await new SessionStore(join(tempDir(), "none.json")).readAll()).toEqual([]);
  });
});
