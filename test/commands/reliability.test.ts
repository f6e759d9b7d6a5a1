import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/dev-server/seed.js";
import { baseEnv, tempDir } from "../helpers/env.js";
import { runInProcess } from "../helpers/in-process.js";
import { createArgs, createRequests, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const project = () => ctx.server.demo.project.id;

describe("retries of idempotent requests", () => {
  it("list retries 502/503/504 and resets with backoff, then succeeds", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "GET",
      times: 1,
      fault: { kind: "respond", status: 502, body: "<html>bad gateway</html>" },
    });
    ctx.server.faults.add({ method: "GET", times: 1, fault: { kind: "reset-before" } });
    ctx.server.faults.add({
      method: "GET",
      times: 1,
      fault: { kind: "respond", status: 504, body: "" },
    });
    const r = await runInProcess(
      ["--debug", "service-token", "list", "--projectId", project(), "--json"],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(ctx.server.requests).toHaveLength(4);
    // One line per retry, with what happened and which attempt comes next.
    expect(r.stderr).toMatch(
      /warning: the server is busy \(502\); retrying in 0\.\d s, attempt 2 of 4/,
    );
    expect(r.stderr).toMatch(
      /warning: the connection failed \(ECONNRESET\); retrying in .*, attempt 3 of 4/,
    );
    expect(r.stderr).toMatch(/warning: the server is busy \(504\); retrying in .*, attempt 4 of 4/);
  });

  it("gives up when the command's --deadline has passed, whatever retries are left", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({ method: "GET", fault: { kind: "respond", status: 503, body: "down" } });
    const r = await runInProcess(
      ["--deadline", "0.3", "service-token", "list", "--projectId", project()],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("answered 503");
    // Without the deadline the same answers are tried 4 times, with about 1.5 s of waits.
    expect(ctx.server.requests.length).toBeLessThan(4);
    expect(r.durationMs).toBeLessThan(1_000);
  });

  it("gives up after a bounded number of attempts and in bounded time", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({ method: "GET", fault: { kind: "respond", status: 503, body: "down" } });
    const r = await runInProcess(["service-token", "list", "--projectId", project()], { env });
    expect(r.code).toBe(1);
    expect(ctx.server.requests).toHaveLength(4);
    expect(r.durationMs).toBeLessThan(5000);
    expect(r.stderr).toContain("answered 503");
  });

  it("view and delete retry a 429 and a reset connection", async () => {
    const env = await loggedInEnv(ctx.server);
    const token = (
      await runInProcess(createArgs(project(), "--token-only"), { env })
    ).stdout.trim();
    ctx.server.requests.length = 0;
    ctx.server.faults.add({
      method: "GET",
      times: 1,
      fault: {
        kind: "respond",
        status: 429,
        headers: { "retry-after": "0" },
        body: { statusCode: 429, message: "Rate limit exceeded", error: "RateLimitExceeded" },
      },
    });
    ctx.server.faults.add({ method: "GET", times: 1, fault: { kind: "reset-before" } });
    const view = await runInProcess(["service-token", "view", "-"], { env, input: token });
    expect(view.code, view.stderr).toBe(0);
    expect(ctx.server.requests).toHaveLength(3);
    ctx.server.faults.add({
      method: "DELETE",
      times: 1,
      fault: { kind: "respond", status: 502, body: "" },
    });
    const del = await runInProcess(
      ["service-token", "delete", "--yes", token.split(".")[1] as string],
      {
        env,
      },
    );
    expect(del.code, del.stderr).toBe(0);
  });
});

describe("load", () => {
  it("50 concurrent creates give 50 distinct, usable tokens", async () => {
    const env = await loggedInEnv(ctx.server);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runInProcess(createArgs(project(), "-n", `load-${i}`, "--token-only"), {
          env,
          timeoutMs: 60_000,
        }),
      ),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const tokens = results.map((r) => r.stdout.trim());
    expect(new Set(tokens).size).toBe(50);
    const statuses = await Promise.all(
      tokens.map((t) =>
        fetch(`${ctx.server.url}/api/v2/service-token`, {
          headers: { Authorization: `Bearer ${t}` },
        }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(createRequests(ctx.server)).toHaveLength(50);
  }, 90_000);
});

describe("hostile input", () => {
  async function createIn(cwd: string) {
    const env = await loggedInEnv(ctx.server);
    return runInProcess(["service-token", "create", "-s", "dev:/", "-a", "read", "--dry-run"], {
      env,
      cwd,
    });
  }

  it("a 10 MB .infisical.json without a workspaceId is read and reported, not choked on", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, ".infisical.json"),
      JSON.stringify({ padding: "x".repeat(10 * 1024 * 1024) }),
    );
    const r = await createIn(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has no workspaceId");
  });

  it("a binary .infisical.json is named as not JSON", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".infisical.json"), Buffer.from([0, 159, 146, 150, 255, 0, 1, 2]));
    const r = await createIn(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is not a valid .infisical.json: it is not JSON");
  });

  it("a directory named .infisical.json is passed over for the parent's file", async () => {
    const root = tempDir();
    writeFileSync(join(root, ".infisical.json"), JSON.stringify({ workspaceId: project() }));
    const child = join(root, "child");
    mkdirSync(join(child, ".infisical.json"), { recursive: true });
    const r = await createIn(child);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(project());
  });

  it("a symlink loop in the parent directories does not hang the search", async () => {
    const root = tempDir();
    mkdirSync(join(root, "a"));
    symlinkSync(join(root, "a"), join(root, "a", "loop"));
    const deep = join(root, "a", "loop", "loop", "loop");
    const r = await createIn(deep);
    expect([1, 2]).toContain(r.code);
    expect(r.stderr).toMatch(/^error: /);
  });

  it("an unreadable .infisical.json is an error naming the file (when permissions apply)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".infisical.json"), JSON.stringify({ workspaceId: project() }));
    chmodSync(join(dir, ".infisical.json"), 0o000);
    const r = await createIn(dir);
    if (process.getuid?.() === 0) {
      expect(r.code).toBe(0); // root reads anything: the file is used
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(".infisical.json");
    }
  });

  it("a 10,000-character flag value is handled", async () => {
    const env = await loggedInEnv(ctx.server);
    const name = "n".repeat(10_000);
    const ok = await runInProcess(createArgs(project(), "-n", name, "--json"), { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).name).toBe(name);
    const bad = await runInProcess(
      ["service-token", "create", "-s", "x".repeat(10_000), "-a", "read"],
      {
        env,
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.length).toBeLessThan(11_000);
  });
});

describe("secrets stay secret", () => {
  it("no output, with --debug and on error paths, contains the password, the session token or a created token", async () => {
    const env = baseEnv(tempDir());
    env.INFISICAL_DOMAIN = ctx.server.url;
    const outputs: string[] = [];
    const login = await runInProcess(
      ["--debug", "login", "--email", DEMO_EMAIL, "--password-stdin"],
      {
        env,
        input: DEMO_PASSWORD,
      },
    );
    outputs.push(login.stdout, login.stderr);
    const session = JSON.parse(
      readFileSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8"),
    ).sessions[0].token as string;

    const created = await runInProcess(["--debug", ...createArgs(project())], { env });
    const token = created.stdout.trim();
    outputs.push(created.stderr); // stdout is where the user asked for the token
    ctx.server.faults.add({
      method: "POST",
      times: 1,
      fault: {
        kind: "respond",
        status: 500,
        body: { statusCode: 500, message: `boom ${session} ${token}`, error: "x" },
      },
    });
    const failed = await runInProcess(["--debug", ...createArgs(project())], { env });
    outputs.push(failed.stdout, failed.stderr);
    const viewed = await runInProcess(["--debug", "service-token", "view", token], { env });
    outputs.push(viewed.stdout, viewed.stderr);
    ctx.server.faults.add({ method: "GET", times: 1, fault: { kind: "reset-before" } });
    const viewFail = await runInProcess(
      ["--debug", "--timeout", "1", "service-token", "view", "-"],
      {
        env,
        input: `st.${token.split(".")[1]}.${"0".repeat(32)}`,
      },
    );
    outputs.push(viewFail.stdout, viewFail.stderr);
    const wrong = await runInProcess(
      ["--debug", "login", "--email", DEMO_EMAIL, "--password", "hunter2-wrong-password"],
      { env },
    );
    outputs.push(wrong.stdout, wrong.stderr);

    const all = outputs.join("\n");
    expect(all).toContain("debug: →");
    for (const secret of [
      DEMO_PASSWORD,
      "hunter2-wrong-password",
      session,
      session.split(".")[2] as string,
      token,
      token.split(".")[2] as string,
    ]) {
      expect(all).not.toContain(secret);
    }
    // Tokens travel only in the Authorization header, never in a URL.
    for (const request of ctx.server.requests) {
      expect(request.url).not.toMatch(/st\.|eyJ/);
    }
  });

  it("a sessions.json readable by others is tightened to 0600, with a warning", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = env.INFISICAL_CONFIG_DIR as string;
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "sessions.json"), 0o644);
    const r = await runInProcess(["whoami"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: ${join(dir, "sessions.json")} was accessible to other users (mode 644); it is now 600`,
    );
    expect(r.stderr).toContain(
      `warning: ${dir} was accessible to other users (mode 755); it is now 700`,
    );
    expect(statSync(join(dir, "sessions.json")).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
