import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MFA_CODE, startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/dev-server/seed.js";
import { newTotpSecret, totpCode, totpStep } from "../../src/dev-server/totp.js";
import { baseEnv, tempDir } from "../helpers/env.js";
import { runInProcess, startInProcess } from "../helpers/in-process.js";
import { createArgs, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();

function freshEnv(server: DevServer = ctx.server): Record<string, string> {
  return { ...baseEnv(tempDir()), INFISICAL_DOMAIN: server.url };
}

function sessions(env: Record<string, string | undefined>) {
  return JSON.parse(readFileSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8"))
    .sessions as {
    domain: string;
    email: string;
    organizationId: string;
    token: string;
  }[];
}

const login = (...extra: string[]) => ["login", "--email", DEMO_EMAIL, ...extra];

describe("login with e-mail and password", () => {
  it("logs in with flags, stores the session 0600 in a 0700 directory, and create uses it", async () => {
    const env = freshEnv();
    const r = await runInProcess(login("--password", DEMO_PASSWORD), { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`✓ Logged in to ${ctx.server.url} as ${DEMO_EMAIL}`);
    expect(r.stderr).toContain("Demo Org");
    expect(r.stderr).toContain(
      "warning: a password given with --password can be seen by other users",
    );
    expect(r.stderr).not.toContain(DEMO_PASSWORD);
    const [stored] = sessions(env);
    expect(stored).toMatchObject({
      domain: ctx.server.url,
      email: DEMO_EMAIL,
      organizationId: ctx.server.demo.organization.id,
    });
    expect(statSync(env.INFISICAL_CONFIG_DIR as string).mode & 0o777).toBe(0o700);
    expect(statSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json")).mode & 0o777).toBe(
      0o600,
    );

    const sent = ctx.server.requests.map((q) => `${q.method} ${q.url.split("?")[0]}`);
    expect(sent).toEqual([
      "POST /api/v3/auth/login",
      "GET /api/v1/organization",
      "POST /api/v3/auth/select-organization",
    ]);
    expect(ctx.server.requests.every((q) => q.headers["user-agent"] === "cli")).toBe(true);
    expect(JSON.parse(ctx.server.requests[2]?.body ?? "")).toEqual({
      organizationId: ctx.server.demo.organization.id,
      userAgent: "cli",
    });

    const create = await runInProcess(createArgs(ctx.server.demo.project.id, "--token-only"), {
      env,
    });
    expect(create.code, create.stderr).toBe(0);
    expect(ctx.server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${stored?.token}`);
  });

  it("logs in from INFISICAL_EMAIL / INFISICAL_PASSWORD, and from --password-stdin", async () => {
    const env = { ...freshEnv(), INFISICAL_EMAIL: DEMO_EMAIL, INFISICAL_PASSWORD: DEMO_PASSWORD };
    const fromEnv = await runInProcess(["login"], { env });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stderr).not.toContain("warning");
    const stdinEnv = freshEnv();
    const fromStdin = await runInProcess(login("--password-stdin"), {
      env: stdinEnv,
      input: `${DEMO_PASSWORD}\n`,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(sessions(stdinEnv)).toHaveLength(1);
  });

  it("--plain prints only the access token; --json the session without it", async () => {
    const env = freshEnv();
    const plain = await runInProcess(login("--password-stdin", "--plain"), {
      env,
      input: DEMO_PASSWORD,
    });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(`${sessions(env)[0]?.token}\n`);
    const json = await runInProcess(login("--password-stdin", "--json"), {
      env,
      input: DEMO_PASSWORD,
    });
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({
      domain: ctx.server.url,
      email: DEMO_EMAIL,
      organizationName: "Demo Org",
    });
    expect(json.stdout).not.toContain("eyJ");
  });

  it("a wrong password exits 4 (credentials rejected) and the password appears nowhere", async () => {
    const env = freshEnv();
    const secret = "not-the-right-password-42";
    const r = await runInProcess(["--debug", ...login("--password-stdin")], { env, input: secret });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`error: ${ctx.server.url} did not accept the e-mail and password`);
    expect(r.stderr).toContain("server: Invalid credentials");
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it("a proxy's 502 at login is reported without suggesting a token may have been created", async () => {
    const env = freshEnv();
    ctx.server.faults.add({
      method: "POST",
      path: "/api/v3/auth/login",
      times: 1,
      fault: { kind: "respond", status: 502, body: "<html>Bad Gateway</html>" },
    });
    const r = await runInProcess(login("--password-stdin"), { env, input: DEMO_PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: the server at ${ctx.server.url} answered 502 with an HTML page`,
    );
    expect(r.stderr).not.toContain("may or may not");
    expect(r.stderr).not.toContain("service-token list");
  });

  it("without a terminal, missing values are usage errors naming flag and variable", async () => {
    const noEmail = await runInProcess(["login"], { env: freshEnv() });
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toContain("error: no e-mail given");
    expect(noEmail.stderr).toContain("--email (or set INFISICAL_EMAIL)");
    const noPassword = await runInProcess(login(), { env: freshEnv() });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("--password-stdin, or set INFISICAL_PASSWORD");
    expect(ctx.server.requests).toHaveLength(0);
  });
});

describe("organizations", () => {
  let second: DevServer;
  beforeAll(async () => {
    second = await startDevServer();
    second.state.addOrganization("Second Org", [second.demo.user.id]);
  });
  afterAll(async () => {
    await second.close();
  });

  it("with several organizations and no terminal, lists them and asks for --organization-id", async () => {
    const r = await runInProcess(login("--password-stdin"), {
      env: freshEnv(second),
      input: DEMO_PASSWORD,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: your account belongs to several organizations; choose one");
    expect(r.stderr).toContain(`${second.demo.organization.id}  Demo Org`);
    expect(r.stderr).toContain("Second Org");
  });

  it("--organization-id (or INFISICAL_ORGANIZATION_ID) picks one", async () => {
    const other = [...second.state.organizations.values()].find((o) => o.name === "Second Org");
    const env = { ...freshEnv(second), INFISICAL_ORGANIZATION_ID: other?.id };
    const r = await runInProcess(login("--password-stdin"), { env, input: DEMO_PASSWORD });
    expect(r.code, r.stderr).toBe(0);
    expect(sessions(env)[0]?.organizationId).toBe(other?.id);
    const wrong = await runInProcess(login("--password-stdin", "--organization-id", "nope"), {
      env: freshEnv(second),
      input: DEMO_PASSWORD,
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('error: organization "nope" is not one of yours');
  });
});

describe("standard input from Windows tools", () => {
  it("--password-stdin drops the byte-order mark PowerShell 5.1 pipes before the password", async () => {
    const env = freshEnv();
    const r = await runInProcess(login("--password-stdin"), {
      env,
      input: `\uFEFF${DEMO_PASSWORD}\r\n`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Logged in to ${ctx.server.url} as ${DEMO_EMAIL}`);
  });
});

describe("MFA", () => {
  let mfa: DevServer;
  beforeAll(async () => {
    mfa = await startDevServer({ mfa: true });
  });
  afterAll(async () => {
    await mfa.close();
  });

  it("verifies the code and selects the organization again", async () => {
    const env = freshEnv(mfa);
    const r = await runInProcess(login("--password-stdin", "--mfa-code", DEMO_MFA_CODE), {
      env,
      input: DEMO_PASSWORD,
    });
    expect(r.code, r.stderr).toBe(0);
    const paths = mfa.requests.map((q) => q.url);
    expect(paths).toEqual([
      "/api/v3/auth/login",
      "/api/v1/organization",
      "/api/v3/auth/select-organization",
      "/api/v2/auth/mfa/verify",
      "/api/v3/auth/select-organization",
    ]);
    expect(JSON.parse(mfa.requests[3]?.body ?? "")).toEqual({
      mfaToken: DEMO_MFA_CODE,
      mfaMethod: "email",
    });
    const create = await runInProcess(createArgs(mfa.demo.project.id), { env });
    expect(create.code, create.stderr).toBe(0);
  });

  it("answers wrong codes as the real server does: 500 for an e-mailed code, 400 for the wrong method", async () => {
    const post = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(`${mfa.url}/api${path}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "test",
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const login = await post("/v3/auth/login", { email: DEMO_EMAIL, password: DEMO_PASSWORD });
    const selected = await post(
      "/v3/auth/select-organization",
      { organizationId: mfa.demo.organization.id },
      login.body.accessToken as string,
    );
    const mfaToken = selected.body.token as string;
    expect(selected.body.isMfaEnabled).toBe(true);

    const email = await post("/v2/auth/mfa/verify", { mfaToken: "000000" }, mfaToken);
    expect(email).toEqual({
      status: 500,
      body: {
        reqId: expect.stringMatching(/^req-/),
        statusCode: 500,
        message: "Something went wrong",
        error: "InternalServerError",
      },
    });
    const otherMethod = await post(
      "/v2/auth/mfa/verify",
      { mfaToken: "123456", mfaMethod: "totp" },
      mfaToken,
    );
    expect([otherMethod.status, otherMethod.body.message]).toEqual([
      400,
      "Invalid MFA method. email verification is required.",
    ]);
    // Two failures so far: a good code now resets the count before the third would lock.
    const good = await post("/v2/auth/mfa/verify", { mfaToken: DEMO_MFA_CODE }, mfaToken);
    expect(good.status).toBe(200);
    // A passed code is deleted: the same code again is a plain 500, and counts.
    const again = await post("/v2/auth/mfa/verify", { mfaToken: DEMO_MFA_CODE }, mfaToken);
    expect(again.status).toBe(500);
    const next = await post(
      "/v3/auth/select-organization",
      { organizationId: mfa.demo.organization.id },
      login.body.accessToken as string,
    );
    const reset = await post(
      "/v2/auth/mfa/verify",
      { mfaToken: DEMO_MFA_CODE },
      next.body.token as string,
    );
    expect(reset.status).toBe(200);
  });

  it("three wrong codes across runs: the third names the lock, later runs and stored logins are refused without a re-login hint", async () => {
    const server = await startDevServer({ mfa: true });
    try {
      const env = freshEnv(server);
      // A login made before the lock: every login of the account is refused while it lasts.
      const before = await runInProcess(login("--password-stdin", "--mfa-code", DEMO_MFA_CODE), {
        env,
        input: DEMO_PASSWORD,
      });
      expect(before.code, before.stderr).toBe(0);
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const wrong = await runInProcess(login("--password-stdin", "--mfa-code", "000000"), {
          env: { ...env, INFISICAL_CONFIG_DIR: `${env.INFISICAL_CONFIG_DIR}-${attempt}` },
          input: DEMO_PASSWORD,
        });
        expect(wrong.code).toBe(4);
        expect(wrong.stderr).toContain("error: the MFA code was not accepted");
        if (attempt < 3) expect(wrong.stderr).not.toContain("locked");
        else {
          expect(wrong.stderr).toContain("Infisical has now locked this account");
          expect(wrong.stderr).toContain("hint: wait until the lock ends (5 minutes");
        }
      }
      const again = await runInProcess(login("--password-stdin", "--mfa-code", DEMO_MFA_CODE), {
        env: { ...env, INFISICAL_CONFIG_DIR: `${env.INFISICAL_CONFIG_DIR}-4` },
        input: DEMO_PASSWORD,
      });
      expect(again.code).toBe(4);
      expect(again.stderr).toContain(
        "error: Infisical has locked this account after too many wrong MFA codes\n  server: Account is locked\n  status: 401 Unauthorized",
      );
      const stored = await runInProcess(["whoami"], { env });
      expect(stored.code).toBe(4);
      expect(stored.stderr).toContain("error: Infisical has locked this account");
      for (const output of [again.stderr, stored.stderr])
        expect(output).not.toMatch(/run `infisical login`|log in again/);
    } finally {
      await server.close();
    }
  });

  it("a wrong code fails with exit 4 and stores nothing", async () => {
    const env = freshEnv(mfa);
    const wrong = await runInProcess(login("--password-stdin", "--mfa-code", "000000"), {
      env,
      input: DEMO_PASSWORD,
    });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain("error: the MFA code was not accepted");
    expect(wrong.stderr).toContain("hint: use the newest code from the e-mail");
    // A failed login is no create: nothing suggests a token may exist.
    expect(wrong.stderr).not.toContain("may or may not have taken effect");
    const whoami = await runInProcess(["whoami"], { env });
    expect(whoami.code).toBe(4);
  });

  it("without a terminal, an e-mailed code finishes the same login in a second run (a new login would void it)", async () => {
    const env = freshEnv(mfa);
    const first = await runInProcess(login("--password-stdin"), { env, input: DEMO_PASSWORD });
    expect(first.code).toBe(4);
    expect(first.stderr).toContain(`error: Infisical has e-mailed a code to ${DEMO_EMAIL}`);
    expect(first.stderr).toContain("hint: finish it with `infisical login --mfa-code <code>`");
    const pendingFile = join(env.INFISICAL_CONFIG_DIR as string, "pending-mfa.json");
    expect(statSync(pendingFile).mode & 0o777).toBe(0o600);

    // The dev server voids a challenge's code once a newer one is issued, as the real one does.
    const before = mfa.requests.length;
    const second = await runInProcess(["login", "--mfa-code", DEMO_MFA_CODE], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Logged in to ${mfa.url} as ${DEMO_EMAIL}`);
    const sent = mfa.requests.slice(before).map((r) => r.url);
    expect(sent).not.toContain("/api/v3/auth/login");
    expect(sent).toEqual(["/api/v2/auth/mfa/verify", "/api/v3/auth/select-organization"]);
    expect(existsSync(pendingFile)).toBe(false);
    expect((await runInProcess(["whoami"], { env })).code).toBe(0);
  });

  it("a code from a replaced challenge is refused like a wrong one", async () => {
    const env = freshEnv(mfa);
    await runInProcess(login("--password-stdin"), { env, input: DEMO_PASSWORD });
    // Another login in between mails a new code: the first login's challenge is void.
    await runInProcess(login("--password-stdin"), {
      env: { ...env, INFISICAL_CONFIG_DIR: `${env.INFISICAL_CONFIG_DIR}-other` },
      input: DEMO_PASSWORD,
    });
    const late = await runInProcess(["login", "--mfa-code", DEMO_MFA_CODE], { env });
    expect(late.code).toBe(4);
    expect(late.stderr).toContain("error: the MFA code was not accepted");
  });
});

describe("browser login", () => {
  it("receives the login on the callback, only from the domain's origin, and takes the e-mail from the server", async () => {
    const env = freshEnv();
    // Standard input stays open: the paste fallback waits alongside the callback.
    const cli = startInProcess(["login", "--browser"], { env, stdin: new PassThrough() });
    const [, port] = await cli.waitForStderr(/callback_port=(\d+)/);
    expect(cli.output().stderr).toContain(
      `Log in with your browser: ${ctx.server.url}/login?callback_port=${port}`,
    );

    const callback = `http://127.0.0.1:${port}`;
    const preflight = await fetch(callback, {
      method: "OPTIONS",
      headers: { Origin: ctx.server.url },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(ctx.server.url);
    const token = ctx.server.issueToken();
    const login = JSON.stringify({ JTWToken: token, email: "attacker@evil.example" });
    const post = (headers: Record<string, string>, body: string) =>
      fetch(callback, { method: "POST", headers, body }).then((r) => r.status);
    // Another origin, and no origin at all (any local process): refused.
    expect(await post({ Origin: "https://evil.example" }, login)).toBe(403);
    expect(await post({ "Content-Type": "application/json" }, login)).toBe(403);
    expect(
      (await fetch(callback, { method: "GET", headers: { Origin: ctx.server.url } })).status,
    ).toBe(405);
    // Garbage from the right origin is refused, and the wait goes on.
    expect(await post({ Origin: ctx.server.url }, "{not json")).toBe(400);

    expect(await post({ Origin: ctx.server.url, "Content-Type": "application/json" }, login)).toBe(
      200,
    );
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(0);
    // The e-mail the callback claimed is not taken: the server says whose login it is.
    expect(sessions(env)[0]).toMatchObject({ token, email: DEMO_EMAIL });
    expect(ctx.server.requests.map((q) => q.url)).toContain("/api/v1/auth/checkAuth");
  });

  it("stops at once when standard input ends with nothing pasted", async () => {
    const r = await runInProcess(["login", "--browser"], { env: freshEnv(), input: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "error: standard input ended before a login arrived from the browser",
    );
    expect(r.durationMs).toBeLessThan(5_000);
  });

  it("accepts the pasted token (base64 of the same JSON) and selects an organization when the token has none", async () => {
    const env = freshEnv();
    const token = ctx.server.issueToken({ organizationId: null });
    const pasted = Buffer.from(
      JSON.stringify({ JTWToken: token, email: DEMO_EMAIL, privateKey: "" }),
    ).toString("base64");
    const r = await runInProcess(["login", "--browser"], { env, input: `garbage\n${pasted}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning: that is not a login token from the browser");
    const [stored] = sessions(env);
    expect(stored?.organizationId).toBe(ctx.server.demo.organization.id);
    expect(stored?.token).not.toBe(token);
  });

  it("a token the server does not accept is refused with exit 4", async () => {
    const env = freshEnv();
    const foreign = (await startDevServer().then(async (other) => {
      const t = other.issueToken();
      await other.close();
      return t;
    })) as string;
    const pasted = Buffer.from(JSON.stringify({ JTWToken: foreign, email: DEMO_EMAIL })).toString(
      "base64",
    );
    const r = await runInProcess(["login", "--browser"], { env, input: `${pasted}\n` });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      `error: the login from the browser was not accepted by ${ctx.server.url}`,
    );
  });
});

describe("logout, whoami and several domains", () => {
  let other: DevServer;
  beforeAll(async () => {
    other = await startDevServer();
  });
  afterAll(async () => {
    await other.close();
  });

  it("keeps one login per domain; logout forgets one, --all every one", async () => {
    const env = freshEnv();
    expect(
      (await runInProcess(login("--password-stdin"), { env, input: DEMO_PASSWORD })).code,
    ).toBe(0);
    const second = await runInProcess(["--domain", other.url, ...login("--password-stdin")], {
      env,
      input: DEMO_PASSWORD,
    });
    expect(second.code, second.stderr).toBe(0);
    expect(
      sessions(env)
        .map((s) => s.domain)
        .sort(),
    ).toEqual([ctx.server.url, other.url].sort());

    const who = await runInProcess(["whoami"], { env });
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(`Logged in to ${ctx.server.url}`);
    expect(who.stdout).toContain(DEMO_EMAIL);
    expect(who.stdout).toMatch(/Expires\s+\d{4}-.* UTC \(in (9|10) days\)/);
    const whoJson = JSON.parse(
      (await runInProcess(["whoami", "--json", "--domain", other.url], { env })).stdout,
    );
    expect(whoJson).toMatchObject({
      domain: other.url,
      email: DEMO_EMAIL,
      organizationId: other.demo.organization.id,
    });

    // Each login is used for its own domain.
    const createOther = await runInProcess(
      ["--domain", other.url, ...createArgs(other.demo.project.id)],
      { env },
    );
    expect(createOther.code, createOther.stderr).toBe(0);

    const out = await runInProcess(["logout"], { env });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`✓ Logged out of ${ctx.server.url}`);
    expect(sessions(env).map((s) => s.domain)).toEqual([other.url]);
    const notLoggedIn = await runInProcess(["whoami"], { env });
    expect(notLoggedIn.code).toBe(4);
    expect(notLoggedIn.stderr).toContain(`error: you are not logged in to ${ctx.server.url}`);

    const all = await runInProcess(["logout", "--all", "--json"], { env });
    expect(JSON.parse(all.stdout)).toEqual({ loggedOut: [other.url] });
    expect(sessions(env)).toEqual([]);
  });

  it("whoami exits 4 for an expired session", async () => {
    const env = freshEnv();
    const { SessionStore } = await import("../../src/auth/session-store.js");
    await new SessionStore(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json")).put({
      domain: ctx.server.url,
      email: DEMO_EMAIL,
      organizationId: ctx.server.demo.organization.id,
      token: ctx.server.issueToken({ expiresInSeconds: -10 }),
      expiresAt: new Date(Date.now() - 10_000).toISOString(),
      createdAt: new Date().toISOString(),
    });
    const r = await runInProcess(["whoami"], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("has expired");
    expect(r.stderr).toContain("hint: run `infisical login`");
  });
});

describe("interactive login", () => {
  const withMfa = useDevServer({ mfa: true, organizations: ["Second Org"] });

  it("prompts for password, organization and MFA code (with a retry)", async () => {
    const env = { ...freshEnv(withMfa.server), BROWSER: "none" };
    const second = [...withMfa.server.state.organizations.values()].find(
      (o) => o.name === "Second Org",
    );
    const r = await runInProcess(["login", "--email", DEMO_EMAIL], {
      env,
      terminal: { columns: 80 },
      answers: [
        { secret: DEMO_PASSWORD },
        { choose: (choices) => choices.find((c) => c.name.startsWith("Second Org"))?.value },
        { text: "999999" },
        { text: DEMO_MFA_CODE },
      ],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.questions).toEqual([
      "Password",
      "Which organization would you like to log in to?",
      "MFA code (sent to your e-mail)",
      "MFA code (sent to your e-mail)",
    ]);
    expect(r.stderr).toContain("that code was not accepted; 2 more tries here");
    expect(r.stderr).toContain(`Logged in to ${withMfa.server.url} as ${DEMO_EMAIL}`);
    expect(sessions(env)[0]?.organizationId).toBe(second?.id);
  });

  it("asks for the e-mail when it is not given", async () => {
    const env = {
      ...freshEnv(withMfa.server),
      BROWSER: "none",
      INFISICAL_PASSWORD: DEMO_PASSWORD,
      INFISICAL_ORGANIZATION_ID: withMfa.server.demo.organization.id,
    };
    const r = await runInProcess(["login"], {
      env,
      terminal: { columns: 80 },
      answers: [{ text: DEMO_EMAIL }, { text: DEMO_MFA_CODE }],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.questions).toEqual(["Email", "MFA code (sent to your e-mail)"]);
    expect(sessions(env)[0]?.email).toBe(DEMO_EMAIL);
  });

  it("uses the browser by default in a terminal, and takes a pasted token", async () => {
    const env = { ...freshEnv(ctx.server), BROWSER: "none" };
    const token = ctx.server.issueToken();
    const pasted = Buffer.from(JSON.stringify({ JTWToken: token, email: DEMO_EMAIL })).toString(
      "base64",
    );
    const stdin = new PassThrough();
    const cli = startInProcess(["login"], { env, terminal: { columns: 80 }, stdin });
    await cli.waitForStderr(/paste the token it shows here/);
    stdin.end(`${pasted}\n`);
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Log in with your browser: ${ctx.server.url}/login?callback_port=`);
    expect(sessions(env)[0]?.token).toBe(token);
  });
});

describe("MFA the user turned on (the real server's per-user setting)", () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const user = () => server.state.users.get(server.demo.user.id)!;

  it("an authenticator code passes TOTP; the same code again is refused", async () => {
    const secret = newTotpSecret();
    user().mfa = {
      enabled: true,
      method: "totp",
      totp: { secret, verified: true, recoveryCodes: [] },
      usedSteps: new Set(),
    };
    try {
      const code = totpCode(secret, totpStep(new Date()));
      const env = freshEnv(server);
      const before = server.requests.length;
      const r = await runInProcess(login("--password-stdin", "--mfa-code", code), {
        env,
        input: DEMO_PASSWORD,
      });
      expect(r.code, r.stderr).toBe(0);
      const verify = server.requests.slice(before).find((q) => q.url === "/api/v2/auth/mfa/verify");
      expect(JSON.parse(verify?.body ?? "{}")).toEqual({ mfaToken: code, mfaMethod: "totp" });
      expect((await runInProcess(["whoami"], { env })).code).toBe(0);

      const again = await runInProcess(login("--password-stdin", "--mfa-code", code), {
        env: freshEnv(server),
        input: DEMO_PASSWORD,
      });
      expect(again.code).toBe(4);
      expect(again.stderr).toContain("error: the MFA code was not accepted");
    } finally {
      server.lockout.succeeded(user().id);
      user().mfa = { enabled: false, method: "email", usedSteps: new Set() };
    }
  });

  it("an e-mailed code (a new one per mail) finishes a pending login in a second run", async () => {
    user().mfa = { enabled: true, method: "email", usedSteps: new Set() };
    try {
      const env = freshEnv(server);
      const first = await runInProcess(login("--password-stdin"), { env, input: DEMO_PASSWORD });
      expect(first.code).toBe(4);
      expect(first.stderr).toContain(`Infisical has e-mailed a code to ${DEMO_EMAIL}`);
      const mailed = server.state.mailbox.get(DEMO_EMAIL)?.at(-1) ?? "";
      const code = /(\d{6})$/.exec(mailed)?.[1] as string;
      expect(code).toMatch(/^\d{6}$/);
      const second = await runInProcess(["login", "--mfa-code", code], { env });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain(`Logged in to ${server.url} as ${DEMO_EMAIL}`);
    } finally {
      user().mfa = { enabled: false, method: "email", usedSteps: new Set() };
    }
  });
});
