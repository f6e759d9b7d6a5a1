import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionStore } from "../../src/auth/session-store.js";
import { startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { loggedInEnv, useDevServer } from "../helpers/dev-server.js";
import { runInProcess } from "../helpers/in-process.js";

const ctx = useDevServer();
let revoked: DevServer;
beforeAll(async () => {
  revoked = await startDevServer();
});
afterAll(async () => {
  await revoked?.close();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function addLogin(
  env: Record<string, string>,
  domain: string,
  token: string,
  expiresAt: Date,
) {
  const store = new SessionStore(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"));
  await store.put({
    domain,
    email: "someone@example.com",
    organizationId: "org-1",
    token,
    expiresAt: expiresAt.toISOString(),
    createdAt: new Date().toISOString(),
  });
}

describe("infisical status", () => {
  it("0 when every stored login is valid", async () => {
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(["status"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`✓ ${ctx.server.url}  (used here)`);
    expect(r.stdout).toMatch(/Server\s+accepts this login/);
  });

  it("checks every login in parallel: valid, refused (revoked), expired (not asked), unreachable; exit 4", async () => {
    const env = await loggedInEnv(ctx.server);
    const revokedToken = revoked.issueToken();
    revoked.state.revokeSessions(revoked.demo.user.id);
    await addLogin(env, revoked.url, revokedToken, new Date(Date.now() + 86_400_000));
    await addLogin(env, "https://expired.example.com", "not-asked", new Date(Date.now() - 1000));
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    await addLogin(env, unreachable, revoked.issueToken(), new Date(Date.now() + 86_400_000));
    ctx.server.requests.length = 0;
    revoked.requests.length = 0;

    const r = await runInProcess(["status", "--json", "--timeout", "2", "--deadline", "3"], {
      env,
      sleep: async () => {},
    });
    expect(r.code).toBe(4);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    const byDomain = Object.fromEntries(rows.map((row) => [row.domain, row]));
    expect(byDomain[ctx.server.url]).toMatchObject({
      valid: true,
      state: "valid",
      current: true,
      error: null,
    });
    expect(byDomain[revoked.url]).toMatchObject({ valid: false, state: "refused" });
    expect(byDomain["https://expired.example.com"]).toMatchObject({
      valid: false,
      state: "expired",
    });
    expect(byDomain[unreachable]).toMatchObject({ valid: false, state: "unreachable" });
    expect(Object.keys(rows[0] as object)).toEqual([
      "domain",
      "email",
      "organizationId",
      "organizationName",
      "expiresAt",
      "storage",
      "current",
      "valid",
      "state",
      "error",
    ]);
    expect(r.stderr).toContain("error: 3 of 4 stored logins are not valid");
    // Each server saw its own login and nothing else; the expired one was not sent anywhere.
    const auth = (server: DevServer) => server.requests.map((q) => q.headers.authorization);
    expect(auth(revoked)).toEqual([`Bearer ${revokedToken}`]);
    expect(new Set(auth(ctx.server)).size).toBe(1);
    expect(JSON.stringify([...auth(ctx.server), ...auth(revoked)])).not.toContain("not-asked");

    const human = await runInProcess(["status", "--timeout", "2", "--deadline", "3"], {
      env,
      sleep: async () => {},
    });
    expect(human.stdout).toContain(`✗ ${revoked.url}`);
    expect(human.stdout).toMatch(/Server\s+refuses this login/);
    expect(human.stdout).toMatch(/Server\s+not asked: the login has expired/);
    expect(human.stdout).toContain(`log in again: infisical login --domain ${unreachable}`);
  });

  it("4 with a hint when nothing is stored", async () => {
    const r = await runInProcess(["status"], { env: { INFISICAL_DOMAIN: ctx.server.url } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("error: not logged in to any Infisical instance");
    expect(r.stdout).toBe("");
  });
});
