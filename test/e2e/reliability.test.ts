import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/dev-server/seed.js";
import { BIN, baseEnv, runCli, startCli, tempDir } from "../helpers/cli.js";
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
    const r = await runCli(
      ["--debug", "service-token", "list", "--projectId", project(), "--json"],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(ctx.server.requests).toHaveLength(4);
    expect(r.stderr.match(/retrying in \d+ ms/g)).toHaveLength(3);
  });

  it("gives up after a bounded number of attempts and in bounded time", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({ method: "GET", fault: { kind: "respond", status: 503, body: "down" } });
    const r = await runCli(["service-token", "list", "--projectId", project()], { env });
    expect(r.code).toBe(1);
    expect(ctx.server.requests).toHaveLength(4);
    expect(r.durationMs).toBeLessThan(5000);
    expect(r.stderr).toContain("answered 503");
  });

  it("view and delete retry a 429 and a reset connection", async () => {
    const env = await loggedInEnv(ctx.server);
    const token = (await runCli(createArgs(project(), "--token-only"), { env })).stdout.trim();
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
    const view = await runCli(["service-token", "view", "-"], { env, input: token });
    expect(view.code, view.stderr).toBe(0);
    expect(ctx.server.requests).toHaveLength(3);
    ctx.server.faults.add({
      method: "DELETE",
      times: 1,
      fault: { kind: "respond", status: 502, body: "" },
    });
    const del = await runCli(["service-token", "delete", "--yes", token.split(".")[1] as string], {
      env,
    });
    expect(del.code, del.stderr).toBe(0);
  });
});

describe("load", () => {
  it("50 concurrent creates give 50 distinct, usable tokens", async () => {
    const env = await loggedInEnv(ctx.server);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runCli(createArgs(project(), "-n", `load-${i}`, "--token-only"), {
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

  describe("20 concurrent logins", () => {
    const servers: DevServer[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 3; i += 1) servers.push(await startDevServer());
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
    });

    it("to several domains and to the same one leave a valid sessions.json with each domain once", async () => {
      const env = baseEnv(tempDir());
      const domains = [ctx.server.url, ...servers.map((s) => s.url)];
      const runs = Array.from({ length: 20 }, (_, i) =>
        runCli(
          [
            "--domain",
            domains[i % domains.length] as string,
            "login",
            "--email",
            DEMO_EMAIL,
            "--password-stdin",
          ],
          {
            env,
            input: DEMO_PASSWORD,
            timeoutMs: 60_000,
          },
        ),
      );
      for (const r of await Promise.all(runs)) expect(r.code, r.stderr).toBe(0);
      const file = JSON.parse(
        readFileSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8"),
      );
      expect(file.version).toBe(1);
      expect(file.sessions.map((s: { domain: string }) => s.domain).sort()).toEqual(
        [...domains].sort(),
      );
    }, 90_000);
  });
});

describe("hostile input", () => {
  async function createIn(cwd: string) {
    const env = await loggedInEnv(ctx.server);
    return runCli(["service-token", "create", "-s", "dev:/", "-a", "read", "--dry-run"], {
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

  it("a 50 MB answer is refused with a clear error and bounded memory", async () => {
    const env = await loggedInEnv(ctx.server);
    const huge = `{"serviceTokenData":[${'"x",'.repeat(13 * 1024 * 1024)}"x"]}`;
    ctx.server.faults.add({ method: "GET", fault: { kind: "respond", status: 200, body: huge } });
    const probe = join(tempDir(), "rss.txt");
    const cli = startCli(["service-token", "list", "--projectId", project()], {
      env: {
        ...env,
        NODE_OPTIONS: `--import ${new URL("../../scripts/bench/rss-probe.mjs", import.meta.url).href}`,
        RSS_PROBE_FILE: probe,
      },
      timeoutMs: 30_000,
    });
    cli.child.stdin.end();
    const r = await cli.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the answer was larger than 32 MiB, so it was not read");
    const peakMiB = Number(readFileSync(probe, "utf8").trim()) / 1024;
    expect(peakMiB).toBeLessThan(200);
  }, 30_000);

  it("a 10,000-character flag value is handled", async () => {
    const env = await loggedInEnv(ctx.server);
    const name = "n".repeat(10_000);
    const ok = await runCli(createArgs(project(), "-n", name, "--json"), { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).name).toBe(name);
    const bad = await runCli(["service-token", "create", "-s", "x".repeat(10_000), "-a", "read"], {
      env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.length).toBeLessThan(11_000);
  });
});

describe("secrets stay secret", () => {
  it("no output, with --debug and on error paths, contains the password, the session token or a created token", async () => {
    const env = baseEnv(tempDir());
    env.INFISICAL_DOMAIN = ctx.server.url;
    const outputs: string[] = [];
    const login = await runCli(["--debug", "login", "--email", DEMO_EMAIL, "--password-stdin"], {
      env,
      input: DEMO_PASSWORD,
    });
    outputs.push(login.stdout, login.stderr);
    const session = JSON.parse(
      readFileSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8"),
    ).sessions[0].token as string;

    const created = await runCli(["--debug", ...createArgs(project())], { env });
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
    const failed = await runCli(["--debug", ...createArgs(project())], { env });
    outputs.push(failed.stdout, failed.stderr);
    const viewed = await runCli(["--debug", "service-token", "view", token], { env });
    outputs.push(viewed.stdout, viewed.stderr);
    ctx.server.faults.add({ method: "GET", times: 1, fault: { kind: "reset-before" } });
    const viewFail = await runCli(["--debug", "--timeout", "1", "service-token", "view", "-"], {
      env,
      input: `st.${token.split(".")[1]}.${"0".repeat(32)}`,
    });
    outputs.push(viewFail.stdout, viewFail.stderr);
    const wrong = await runCli(
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
    const r = await runCli(["whoami"], { env });
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

describe("signals and pipes", () => {
  it("Ctrl-C during a request exits 130 with nothing on stdout", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({ method: "POST", times: 1, fault: { kind: "delay", ms: 5000 } });
    const cli = startCli(createArgs(project(), "--token-only"), { env });
    for (let i = 0; i < 200 && createRequests(ctx.server).length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    cli.child.kill("SIGINT");
    const r = await cli.done;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("interrupted");
  });

  it("`service-token list | head -1` exits quietly", async () => {
    const env = await loggedInEnv(ctx.server);
    // Many long rows, so the CLI is still writing when head has gone.
    for (let i = 0; i < 5000; i += 1) {
      ctx.server.state.addServiceToken({
        name: `bulk ${i} ${"x".repeat(200)}`,
        projectId: project(),
        scopes: [{ environment: "dev", secretPath: "/" }],
        permissions: ["read"],
        expiresInSeconds: null,
        createdBy: ctx.server.demo.user.id,
        encryptedKey: "",
        iv: "",
        tag: "",
      });
    }
    const script = `set -o pipefail; "${process.execPath}" "${BIN}" service-token list --projectId ${project()} | head -1; echo "status=$?"`;
    const child = spawn("bash", ["-c", script], { env: { ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    await new Promise((r) => child.once("close", r));
    expect(err).toBe("");
    expect(out.trim().split("\n")).toHaveLength(2);
    expect(out).toContain("status=0");
  });
});
