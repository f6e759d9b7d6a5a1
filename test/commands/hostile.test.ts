/**
 * What an attacker sends: a server (made here, on 127.0.0.1) that answers with terminal escape
 * sequences and echoes credentials back, and hostile flag values. Nothing it sends may steer a
 * terminal, forge a line, or bring a credential to the screen.
 */
import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/env.js";
import { runInProcess } from "../helpers/in-process.js";
import { createArgs, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const ESCAPES = "\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;aGk=\u0007\u009b31m";
/** Bytes that steer a terminal: ESC, BEL, and the C1 CSI. */
// eslint-disable-next-line no-control-regex -- the point of the test
const STEERING = /[\u001b\u0007\u009b]/;
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

let hostile: Server | undefined;
afterEach(() => hostile?.close());

/** A server that answers every request with `answer(request)`; returns its URL. */
async function hostileServer(
  answer: (req: IncomingMessage) => { status: number; body: unknown },
): Promise<string> {
  hostile = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      const { status, body } = answer(req);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => hostile?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
}

function tokenRow(name: string, extra: Record<string, unknown> = {}) {
  const now = new Date().toISOString();
  return {
    id: "59a7cc6d-3796-491c-a96e-e0915a5b5576",
    name,
    scopes: [{ secretPath: `/${ESCAPES}`, environment: "dev" }],
    permissions: ["read"],
    lastUsed: null,
    expiresAt: null,
    createdAt: now,
    updatedAt: now,
    createdBy: "u",
    projectId: "p",
    ...extra,
  };
}

describe("terminal injection", () => {
  it("escape sequences in a token's name and scopes are shown, not obeyed, in list, view and create", async () => {
    const env = await loggedInEnv(ctx.server);
    const name = `evil${ESCAPES}\nforged row`;
    const created = await runInProcess(createArgs(ctx.server.demo.project.id, "-n", name), {
      env,
    });
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(created.stderr).not.toMatch(STEERING);
    expect(created.stderr).toContain("evil\\u001b]0;pwned\\u0007");

    for (const terminal of [undefined, { columns: 120 }]) {
      const list = await runInProcess(
        ["service-token", "list", "--projectId", ctx.server.demo.project.id],
        { env, terminal },
      );
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).not.toMatch(STEERING);
      // One token, one line: the newline in its name is escaped.
      expect(list.stdout.split("\n").filter((l) => l.includes("evil"))).toHaveLength(1);
      expect(list.stdout).not.toMatch(/^forged row/m);
    }
    const view = await runInProcess(["service-token", "view", "-"], { env, input: token });
    expect(view.stdout).not.toMatch(STEERING);
    expect(view.stdout).toContain("evil\\e]0;pwned\\a\\e[2J");

    const json = await runInProcess(
      ["service-token", "list", "--projectId", ctx.server.demo.project.id, "--json"],
      { env },
    );
    // --json stays exact: the name comes back as it was sent.
    expect(JSON.parse(json.stdout).map((t: { name: string }) => t.name)).toContain(name);
  });

  it("a server's error message cannot forge lines or steer the terminal", async () => {
    const url = await hostileServer(() => ({
      status: 400,
      body: {
        reqId: `req-${ESCAPES}`,
        statusCode: 400,
        message: `bad\nerror: all good${ESCAPES}`,
        error: "BadRequest",
      },
    }));
    const env = await loggedInEnv(ctx.server, { domain: url });
    const r = await runInProcess(createArgs("p"), { env: { ...env, INFISICAL_DOMAIN: url } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STEERING);
    expect(r.stderr).not.toMatch(/^error: all good/m);
    expect(r.stderr).toContain("bad\\nerror: all good\\e]0;pwned");
  });
});

describe("secrets never printed", () => {
  it("a server echoing the Authorization header puts no credential into any output of list, view or delete", async () => {
    const url = await hostileServer((req) => {
      const auth = String(req.headers.authorization);
      if (req.method === "DELETE")
        return {
          status: 404,
          body: { reqId: "req-x", statusCode: 404, message: `no ${auth}`, error: "NotFound" },
        };
      if (req.url?.startsWith("/api/v2/service-token"))
        return {
          status: 200,
          body: { ...tokenRow(`echo ${auth}`), user: { id: "u", email: auth } },
        };
      return {
        status: 200,
        body: { serviceTokenData: [tokenRow(`echo ${auth} key_${auth.slice(7)}`)] },
      };
    });
    const env = { ...(await loggedInEnv(ctx.server, { domain: url })), INFISICAL_DOMAIN: url };
    const serviceToken = `st.59a7cc6d-3796-491c-a96e-e0915a5b5576.${"a".repeat(32)}`;
    const runs = [
      await runInProcess(["service-token", "list", "--projectId", "p"], { env }),
      await runInProcess(["service-token", "list", "--projectId", "p", "--json"], { env }),
      await runInProcess(["--debug", "service-token", "view", "-"], { env, input: serviceToken }),
      await runInProcess(["service-token", "view", "--json", "-"], { env, input: serviceToken }),
      await runInProcess(["service-token", "delete", "--yes", "x"], { env }),
      await runInProcess(["service-token", "delete", "--yes", "--json", "x"], { env }),
    ];
    for (const r of runs) {
      for (const output of [r.stdout, r.stderr]) {
        expect(output).not.toMatch(JWT_SHAPE);
        expect(output).not.toContain(serviceToken.split(".")[2]);
      }
    }
    expect(runs[4]?.stderr).toContain("✗ x: no Bearer [REDACTED]");
  });

  it("proxy credentials in an answer, a JWT in a flag value and a short or JSON-escaped password are masked", async () => {
    const url = await hostileServer(() => ({
      status: 407,
      body: "Proxy-Authorization: Basic dXNlcjpodW50ZXIy via http://alice:s3cret@proxy:3128",
    }));
    const env = { ...(await loggedInEnv(ctx.server, { domain: url })), INFISICAL_DOMAIN: url };
    const proxy = await runInProcess(createArgs("p", "--debug"), { env });
    expect(proxy.stderr).not.toContain("dXNlcjpodW50ZXIy");
    expect(proxy.stderr).not.toContain("s3cret");

    const jwt = ctx.server.issueToken();
    const flag = await runInProcess(["--timeout", jwt, "whoami"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).not.toContain(jwt);
    expect(flag.stderr).toContain("[REDACTED JWT]");

    const echo = await hostileServer(() => ({
      status: 400,
      body: {
        reqId: "req-x",
        statusCode: 400,
        message: 'password "p\\"w" and pw',
        error: "BadRequest",
      },
    }));
    for (const password of ['p"w', "pw"]) {
      const r = await runInProcess(["login", "--email", "a@b.c", "--password-stdin"], {
        env: { INFISICAL_DOMAIN: echo },
        input: password,
      });
      expect(r.code).toBe(4);
      expect(r.stderr).toContain("[REDACTED]");
      expect(r.stderr).not.toMatch(password === "pw" ? /\bpw\b/ : /p\\"w/);
    }
  });

  it("an invalid INFISICAL_CUSTOM_HEADERS is reported without its value", async () => {
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(createArgs(ctx.server.demo.project.id), {
      env: { ...env, INFISICAL_CUSTOM_HEADERS: "X-Api-Key=sup3r-s3cret-value Authorization" },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("INFISICAL_CUSTOM_HEADERS is not valid");
    expect(r.stderr).not.toContain("sup3r-s3cret-value");
  });

  it("--token on the command line is warned about; --token - reads it from standard input", async () => {
    const token = ctx.server.issueToken();
    const env = { INFISICAL_DOMAIN: ctx.server.url };
    const visibleToPs = await runInProcess(
      createArgs(ctx.server.demo.project.id, "--token", token),
      {
        env,
      },
    );
    expect(visibleToPs.code, visibleToPs.stderr).toBe(0);
    expect(visibleToPs.stderr).toContain(
      "warning: a token given with --token can be seen by other users",
    );
    const fromStdin = await runInProcess(createArgs(ctx.server.demo.project.id, "--token", "-"), {
      env,
      input: `${token}\n`,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stderr).not.toContain("warning");
  });
});

describe("credentials go only where the user sent them", () => {
  it("a repository's .infisical.json cannot make the CLI send INFISICAL_TOKEN, --token, a password or a service token to its domain", async () => {
    const received: string[] = [];
    const url = await hostileServer((req) => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
      return { status: 500, body: "{}" };
    });
    const repo = tempDir();
    writeFileSync(join(repo, ".infisical.json"), JSON.stringify({ workspaceId: "p", domain: url }));
    const jwt = ctx.server.issueToken();
    const refused = [
      await runInProcess(createArgs("p"), { cwd: repo, env: { INFISICAL_TOKEN: jwt } }),
      await runInProcess(createArgs("p", "--token", "-"), { cwd: repo, input: jwt }),
      await runInProcess(["login", "--email", "a@b.c", "--password-stdin"], {
        cwd: repo,
        input: "hunter2-password",
      }),
      await runInProcess(["service-token", "view", "-"], {
        cwd: repo,
        input: `st.59a7cc6d-3796-491c-a96e-e0915a5b5576.${"a".repeat(32)}`,
      }),
    ];
    for (const r of refused) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${join(repo, ".infisical.json")} sends requests to ${url}`);
      expect(r.stderr).toContain(`--domain ${url}`);
    }
    expect(received).toEqual([]);

    // Named by the user, the same domain is used.
    const named = await runInProcess(createArgs("p", "--domain", url), {
      cwd: repo,
      env: { INFISICAL_TOKEN: jwt },
      sleep: async () => undefined,
    });
    expect(named.code).toBe(1); // the hostile server's 500
    expect(received).toHaveLength(1);
  });
});

describe("retries and addresses that tell the truth", () => {
  it("a delete the server carried out before the connection broke is reported as done", async () => {
    const env = await loggedInEnv(ctx.server);
    const token = (
      await runInProcess(createArgs(ctx.server.demo.project.id, "--token-only"), { env })
    ).stdout.trim();
    const id = token.split(".")[1] as string;
    ctx.server.faults.add({ method: "DELETE", times: 1, fault: { kind: "reset-after" } });
    const r = await runInProcess(["service-token", "delete", "--yes", "--json", id], {
      env,
      sleep: async () => undefined,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ id, deleted: true, name: null }]);
    expect(ctx.server.requests.filter((q) => q.method === "DELETE")).toHaveLength(2);
    expect(ctx.server.state.serviceTokens.has(id)).toBe(false);
  });

  it("https:// to a plain-HTTP port says nothing was sent, not that a token may exist", async () => {
    const env = await loggedInEnv(ctx.server);
    const https = ctx.server.url.replace("http://", "https://");
    const r = await runInProcess(createArgs(ctx.server.demo.project.id, "--token", "-"), {
      env: { ...env, INFISICAL_DOMAIN: https },
      input: ctx.server.issueToken(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: could not make a trusted TLS connection to ${https}`);
    expect(r.stderr).toContain("should start with http://");
    expect(r.stderr).not.toContain("may or may not");
  });

  it("an empty --domain is a usage error, and a huge one is not echoed whole", async () => {
    const empty = await runInProcess(["--domain", "", "whoami"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("error: invalid domain from --domain: it is empty");
    const huge = await runInProcess([
      "--domain",
      `https://${"a".repeat(70_000)}.example`,
      "whoami",
    ]);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain("longer than 2048 characters");
    expect(huge.stderr.length).toBeLessThan(2_000);
  });
});
