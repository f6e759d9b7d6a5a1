import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { BIN, baseEnv, runCli, tempDir } from "../helpers/cli.js";
import { tokenOnlyCreateArgs } from "../helpers/dev-server.js";

function startServer(args: string[]) {
  const child = spawn(process.execPath, [BIN, "dev-server", ...args], {
    env: baseEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once("line", resolveLine);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exit = new Promise<number | null>((resolveExit) => child.once("exit", resolveExit));
  return { child, firstLine, exit, stderr: () => stderr, stdout: () => stdout };
}

describe("infisical dev-server", () => {
  it("--json prints the start information as one line, serves the API, and exits 0 on Ctrl-C", async () => {
    const server = startServer(["--json"]);
    const info = JSON.parse(await server.firstLine);
    expect(info).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      email: "demo@example.com",
      password: "demo-password",
      environments: ["dev", "staging", "prod"],
      mfaCode: null,
    });
    expect(info.apiUrl).toBe(`${info.url}/api`);

    const env = { ...baseEnv(), INFISICAL_DOMAIN: info.url };
    const login = await runCli(["login", "--email", info.email, "--password-stdin"], {
      env,
      input: info.password,
    });
    expect(login.code, login.stderr).toBe(0);
    const create = await runCli(tokenOnlyCreateArgs(info.projectId), { env });
    expect(create.code, create.stderr).toBe(0);
    const secrets = await fetch(`${info.apiUrl}/v3/secrets/raw?environment=dev&secretPath=/`, {
      headers: { Authorization: `Bearer ${create.stdout.trim()}` },
    }).then((r) => r.json() as Promise<{ secrets: { secretKey: string }[] }>);
    expect(secrets.secrets.map((s: { secretKey: string }) => s.secretKey)).toContain(
      "DATABASE_URL",
    );

    server.child.kill("SIGINT");
    expect(await server.exit).toBe(0);
  });

  it("prints ready-to-paste commands, and the MFA code with --mfa", async () => {
    const server = startServer(["--mfa"]);
    await server.firstLine;
    for (let i = 0; i < 50 && !server.stdout().includes("access-level read"); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    const out = server.stdout();
    expect(out).toMatch(
      /^Infisical dev server running at http:\/\/127\.0\.0\.1:\d+ \(API http:\/\/127\.0\.0\.1:\d+\/api\)/,
    );
    expect(out).toMatch(/MFA code\s+123456/);
    expect(out).toContain("--password-stdin --mfa-code 123456");
    expect(out).toMatch(
      /infisical service-token create --projectId [0-9a-f-]{36} --scope dev:\/ --access-level read/,
    );
  });

  it("loads a seed file, and refuses a bad one naming it", async () => {
    const dir = tempDir();
    const seed = join(dir, "seed.json");
    writeFileSync(
      seed,
      JSON.stringify({
        users: [{ email: "ci@example.com", password: "ci-pass" }],
        projects: [
          {
            name: "Payments",
            environments: ["dev", "qa"],
            secrets: { "qa:/api": { API_KEY: "k" } },
          },
        ],
        organizations: [{ name: "Other Org", projects: [{ name: "Elsewhere" }] }],
      }),
    );
    const server = startServer(["--json", "--seed", seed]);
    const info = JSON.parse(await server.firstLine);
    const env = { ...baseEnv(), INFISICAL_DOMAIN: info.url };
    const login = (...extra: string[]) =>
      runCli(["login", "--email", "ci@example.com", "--password-stdin", "--json", ...extra], {
        env,
        input: "ci-pass",
      });
    // Two organizations now: without a terminal, login asks for one and names both.
    const choose = await login();
    expect(choose.code).toBe(2);
    expect(choose.stderr).toContain("Other Org");
    expect(choose.stderr).toContain(info.organizationName);
    const chosen = await login("--organization-id", info.organizationId);
    expect(chosen.code, chosen.stderr).toBe(0);
    server.child.kill("SIGINT");
    expect(await server.exit).toBe(0);

    writeFileSync(seed, JSON.stringify({ projects: [{ name: "X", environments: ["d v"] }] }));
    const bad = await runCli(["dev-server", "--seed", seed]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `error: the seed file ${seed} is not valid: projects.0.environments.0:`,
    );
  });

  it("refuses a bad port and warns about a non-loopback host", async () => {
    const bad = await runCli(["dev-server", "--port", "70000"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --port "70000"');
    const server = startServer(["--json", "--host", "0.0.0.0"]);
    try {
      await server.firstLine;
      // stderr is a separate pipe: give its data a moment to arrive.
      for (let i = 0; i < 50 && !server.stderr().includes("warning"); i += 1)
        await new Promise((r) => setTimeout(r, 20));
      expect(server.stderr()).toContain(
        "warning: listening on 0.0.0.0: other machines can reach this server",
      );
    } finally {
      server.child.kill("SIGINT");
    }
    expect(await server.exit).toBe(0);
  });
});

describe("npm run demo", () => {
  it("runs the main job against the dev server and exits 0", async () => {
    const demo = spawn(process.execPath, [resolve(import.meta.dirname, "../../scripts/demo.mjs")], {
      env: { PATH: process.env.PATH, HOME: tempDir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    demo.stdout.on("data", (d) => (out += d));
    demo.stderr.on("data", (d) => (out += d));
    const code = await new Promise((r) => demo.once("exit", r));
    expect(code, out).toBe(0);
    expect(out).toContain("DATABASE_URL=postgres://demo:demo@localhost:5432/app_dev");
    expect(out).toContain("dev: 2 secrets, prod: 0 secrets");
    expect(out).toContain("dev server exited with 0");
  });
});
