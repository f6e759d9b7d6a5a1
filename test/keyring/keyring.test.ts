/**
 * Logins kept in the OS keyring, for real: on Linux the Secret Service over D-Bus. `npm run
 * test:keyring` runs this file inside `dbus-run-session` with an unlocked gnome-keyring-daemon
 * (a private bus and keyring, never the developer's; .ci/run does it). Without one, the keyring
 * tests skip and say so; the file fallback is tested either way, by pointing the CLI at a bus
 * that does not exist.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { baseEnv } from "../helpers/env.js";
import { createArgs, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const privateKeyring = process.env.INFISICAL_TEST_PRIVATE_KEYRING === "1";
const NO_BUS = "unix:path=/nonexistent/infisical-ts-test-bus";

/** A fresh HOME and config dir; storage decided by the CLI (auto) unless told. */
function env(
  bus: string | undefined,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    ...baseEnv(tempDir()),
    INFISICAL_SESSION_STORAGE: undefined,
    INFISICAL_DOMAIN: ctx.server.url,
    DBUS_SESSION_BUS_ADDRESS: bus,
    ...extra,
  };
}

const login = (e: Record<string, string | undefined>, ...extra: string[]) =>
  runCli(["login", "--email", ctx.server.demo.user.email, "--password-stdin", ...extra], {
    env: e,
    input: "demo-password\n",
  });
const sessionsFile = (e: Record<string, string | undefined>) =>
  readFileSync(join(e.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8");
/** What the keyring holds for the domain, read with libsecret's own tool ("" for nothing). */
const inKeyring = (domain: string) => {
  const lookup = spawnSync(
    "secret-tool",
    ["lookup", "service", "infisical-ts", "username", domain],
    {
      encoding: "utf8",
      env: process.env,
    },
  );
  if (lookup.error) throw lookup.error;
  return lookup.stdout;
};

// Skipped (and named so) outside `npm run test:keyring`: the developer's own keyring is never used.
describe.skipIf(!privateKeyring)("with a running Secret Service (npm run test:keyring)", () => {
  it("login keeps the JWT in the keyring and none in sessions.json; whoami, create and logout work from it", async () => {
    const e = env(process.env.DBUS_SESSION_BUS_ADDRESS);
    const r = await login(e, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ domain: ctx.server.url, storage: "keyring" });
    expect(r.stderr).not.toContain("unencrypted");
    const file = JSON.parse(sessionsFile(e));
    expect(file.sessions).toEqual([
      expect.objectContaining({ domain: ctx.server.url, tokenStorage: "keyring" }),
    ]);
    expect(JSON.stringify(file)).not.toMatch(/eyJ/);
    expect(inKeyring(ctx.server.url)).toMatch(/^eyJ/);

    const whoami = await runCli(["whoami"], { env: e });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toMatch(/Kept in\s+the OS keyring/);
    const create = await runCli(createArgs(ctx.server.demo.project.id, "--token-only"), { env: e });
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toMatch(/^st\./);

    const logout = await runCli(["logout"], { env: e });
    expect(logout.code, logout.stderr).toBe(0);
    expect(inKeyring(ctx.server.url)).toBe("");
    expect(JSON.parse(sessionsFile(e)).sessions).toEqual([]);
  });

  it("a keyring that stops answering: a clear error naming the fallback, and the login is not lost", async () => {
    const e = env(process.env.DBUS_SESSION_BUS_ADDRESS);
    expect((await login(e)).code).toBe(0);
    const gone = { ...e, DBUS_SESSION_BUS_ADDRESS: NO_BUS };
    const whoami = await runCli(["whoami", "--offline"], { env: gone });
    expect(whoami.code, whoami.stderr).toBe(1);
    expect(whoami.stderr).toContain(
      `error: the login for ${ctx.server.url} is kept in the OS keyring, which did not answer`,
    );
    expect(whoami.stderr).toContain("--storage file");
    const logout = await runCli(["logout"], { env: gone });
    expect(logout.code).toBe(1);
    expect(logout.stderr).toContain("the OS keyring did not answer, so the login was not removed");
    // With the keyring back, the same login works.
    const back = await runCli(["whoami"], { env: e });
    expect(back.code, back.stderr).toBe(0);
    expect(inKeyring(ctx.server.url)).toMatch(/^eyJ/);
    await runCli(["logout"], { env: e });
  });

  it("logout --all removes every keyring entry with the file's records", async () => {
    const e = env(process.env.DBUS_SESSION_BUS_ADDRESS);
    expect((await login(e)).code).toBe(0);
    expect(inKeyring(ctx.server.url)).toMatch(/^eyJ/);
    const r = await runCli(["logout", "--all"], { env: e });
    expect(r.code, r.stderr).toBe(0);
    expect(inKeyring(ctx.server.url)).toBe("");
    expect(JSON.parse(sessionsFile(e)).sessions).toEqual([]);
  });

  it("--storage file keeps the JWT in the file even with a keyring, and replaces a keyring login", async () => {
    const e = env(process.env.DBUS_SESSION_BUS_ADDRESS);
    expect((await login(e)).code).toBe(0);
    const r = await login(e, "--storage", "file", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).storage).toBe("file");
    expect(sessionsFile(e)).toMatch(/"token": "eyJ/);
    expect(inKeyring(ctx.server.url)).toBe("");
  });
});

describe("without a keyring (no session bus)", () => {
  it("auto keeps the login in the file and says so once; every command works from it", async () => {
    const e = env(NO_BUS);
    const first = await login(e);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("warning: no OS keyring answered");
    expect(first.stderr).toContain(
      `kept unencrypted in ${join(e.INFISICAL_CONFIG_DIR as string, "sessions.json")}`,
    );
    expect(sessionsFile(e)).toMatch(/"token": "eyJ/);
    const second = await login(e);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain("no OS keyring answered");
    const whoami = await runCli(["whoami", "--json"], { env: e });
    expect(JSON.parse(whoami.stdout).storage).toBe("file");
    expect((await runCli(["logout"], { env: e })).code).toBe(0);
  });

  it("INFISICAL_SESSION_STORAGE=keyring (or --storage keyring) refuses to fall back: nothing stored, exit 1", async () => {
    const e = env(NO_BUS, { INFISICAL_SESSION_STORAGE: "keyring" });
    const r = await login(e);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: the OS keyring did not take the login");
    expect(r.stderr).toContain("nothing was stored");
    expect(r.stderr).toContain("--storage file");
    expect(existsSync(join(e.INFISICAL_CONFIG_DIR as string, "sessions.json"))).toBe(false);
  });

  it("a sessions.json from before the keyring keeps working", async () => {
    const e = env(NO_BUS);
    mkdirSync(e.INFISICAL_CONFIG_DIR as string, { recursive: true, mode: 0o700 });
    const token = ctx.server.issueToken();
    writeFileSync(
      join(e.INFISICAL_CONFIG_DIR as string, "sessions.json"),
      JSON.stringify({
        version: 1,
        sessions: [
          {
            domain: ctx.server.url,
            email: ctx.server.demo.user.email,
            organizationId: ctx.server.demo.organization.id,
            token,
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            createdAt: new Date().toISOString(),
          },
        ],
      }),
      { mode: 0o600 },
    );
    const whoami = await runCli(["whoami"], { env: e });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toMatch(/Kept in\s+the logins file/);
  });

  it("a bad storage value is a usage error before anything is sent", async () => {
    const e = env(NO_BUS, { INFISICAL_SESSION_STORAGE: "vault" });
    ctx.server.requests.length = 0;
    const r = await login(e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid INFISICAL_SESSION_STORAGE "vault"');
    expect(ctx.server.requests).toEqual([]);
  });
});
