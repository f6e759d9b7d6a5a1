/**
 * What only a process shows: exit codes as the shell sees them, stdout and stderr kept apart
 * through pipes, signals, a reader that goes away, memory, and logins written by concurrent
 * processes. Everything else about the commands is tested in-process (test/commands/).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/dev-server/seed.js";
import { BIN, baseEnv, runCli, startCli, tempDir } from "../helpers/cli.js";
import {
  addToken,
  createArgs,
  createRequests,
  loggedInEnv,
  useDevServer,
} from "../helpers/dev-server.js";

const ctx = useDevServer();
const project = () => ctx.server.demo.project.id;

describe("exit codes and streams", () => {
  it("0 with the token alone on stdout, 2 for usage, 4 for authentication, 1 for a failure", async () => {
    const env = await loggedInEnv(ctx.server);
    const ok = await runCli(createArgs(project()), { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^st\.[^\n]+\n$/);
    expect(ok.stderr).toContain("Created service token");

    const usage = await runCli(["service-token", "create", "-a", "read"], { env });
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");

    const auth = await runCli(createArgs(project()), {
      env: { ...baseEnv(tempDir()), INFISICAL_DOMAIN: ctx.server.url },
    });
    expect(auth.code).toBe(4);
    expect(auth.stderr).toContain("error: you are not logged in to");

    const failure = await runCli(createArgs("no-such-project"), { env });
    expect(failure.code).toBe(1);
    expect(failure.stderr).not.toMatch(/\n\s+at .*\(/);
  });

  it("--token-only output piped into another process is a working token", async () => {
    const env = await loggedInEnv(ctx.server);
    const reader = `
      let t = ""; process.stdin.on("data", d => t += d).on("end", async () => {
        const r = await fetch(process.env.API + "/api/v2/service-token", { headers: { Authorization: "Bearer " + t.trim() } });
        const body = await r.json();
        console.log(r.status, body.name, JSON.stringify(body.scopes));
      });`;
    const pipeline = `"${process.execPath}" "${BIN}" service-token create -s staging:/x -a read -n piped --projectId ${project()} --token-only | "${process.execPath}" -e '${reader}'`;
    const output = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn("sh", ["-c", pipeline], {
        env: { ...env, API: ctx.server.url },
        cwd: tempDir(),
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(output.code).toBe(0);
    expect(output.out.trim()).toBe('200 piped [{"secretPath":"/x","environment":"staging"}]');
  });
});

describe("memory", () => {
  it("a 50 MB answer is refused with a clear error and bounded memory", async () => {
    const env = await loggedInEnv(ctx.server);
    const huge = `{"serviceTokenData":[${'"x",'.repeat(13 * 1024 * 1024)}"x"]}`;
    ctx.server.faults.add({ method: "GET", fault: { kind: "respond", status: 200, body: huge } });
    const probe = join(tempDir(), "rss.txt");
    const cli = startCli(["service-token", "list", "--projectId", project()], {
      env: {
        ...env,
        // Quoted: the checkout's path may hold spaces.
        NODE_OPTIONS: `--require ${JSON.stringify(resolve(import.meta.dirname, "../../scripts/bench/rss-probe.cjs"))}`,
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
});

describe("logins from concurrent processes", () => {
  it("a lock left by a process that died is taken over at once", async () => {
    const env = baseEnv(tempDir());
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    mkdirSync(env.INFISICAL_CONFIG_DIR as string, { recursive: true, mode: 0o700 });
    const lock = join(env.INFISICAL_CONFIG_DIR as string, "sessions.json.lock");
    writeFileSync(lock, String(dead));
    const r = await runCli(
      ["--domain", ctx.server.url, "login", "--email", DEMO_EMAIL, "--password-stdin"],
      { env, input: DEMO_PASSWORD },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.durationMs).toBeLessThan(5_000); // not the 10 s of a stale lock
    expect(readdirSync(env.INFISICAL_CONFIG_DIR as string)).toEqual(["sessions.json"]);
  });

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
        startCli(
          [
            "--domain",
            domains[i % domains.length] as string,
            "login",
            "--email",
            DEMO_EMAIL,
            "--password-stdin",
          ],
          { env, timeoutMs: 60_000 },
        ),
      );
      for (const cli of runs) cli.child.stdin.end(DEMO_PASSWORD);
      for (const r of await Promise.all(runs.map((cli) => cli.done)))
        expect(r.code, r.stderr).toBe(0);
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
    // The create was on its way: it may have happened.
    expect(r.stderr).toContain("may or may not have taken effect");
  });

  it("SIGTERM exits 143 and says the same", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({ method: "POST", times: 1, fault: { kind: "delay", ms: 5000 } });
    const cli = startCli(createArgs(project(), "--token-only"), { env });
    for (let i = 0; i < 200 && createRequests(ctx.server).length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    cli.child.kill("SIGTERM");
    const r = await cli.done;
    expect(r.code).toBe(143);
    expect(r.stderr).toContain("may or may not have taken effect");
  });

  it("a token that cannot be written to stdout (full disk, closed pipe) is reported with its id, exit 1", async () => {
    const env = await loggedInEnv(ctx.server);
    const shell = (command: string) =>
      new Promise<{ out: string; err: string }>((resolve) => {
        const child = spawn("bash", ["-c", command], { env: { ...env } });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", () => resolve({ out, err }));
      });
    const create = `"${process.execPath}" "${BIN}" service-token create -s dev:/ -a read --projectId ${project()} --token-only`;
    for (const [command, code] of [
      [`${create} > /dev/full; echo "status=$?"`, "ENOSPC"],
      [`set -o pipefail; ${create} | head -c0; echo "status=$?"`, "EPIPE"],
    ]) {
      const before = ctx.server.state.serviceTokens.size;
      const { out, err } = await shell(command as string);
      expect(out).toContain("status=1");
      const [id] = [...ctx.server.state.serviceTokens.keys()].slice(before);
      expect(err).toContain(`error: service token ${id} was created, but it could not be written`);
      expect(err).toContain(`infisical service-token delete ${id}\` (${code})`);
      expect(err).not.toMatch(/\n\s+at /);
    }
    const list = await shell(
      `"${process.execPath}" "${BIN}" service-token list --projectId ${project()} > /dev/full; echo "status=$?"`,
    );
    expect(list.out).toContain("status=1");
    expect(list.err).toContain("error: could not write to standard output: ENOSPC");
    expect(list.err).not.toMatch(/\n\s+at /);
  });

  it("`service-token list | head -1` exits quietly", async () => {
    const env = await loggedInEnv(ctx.server);
    // Many long rows, so the CLI is still writing when head has gone.
    for (let i = 0; i < 5000; i += 1) {
      addToken(ctx.server, { name: `bulk ${i} ${"x".repeat(200)}` });
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
