import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
let https: Server;
let url: string;
let certFile: string;

/** An https front for the dev server, with a self-signed certificate for 127.0.0.1. */
beforeAll(async () => {
  const dir = tempDir();
  certFile = join(dir, "cert.pem");
  const keyFile = join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  https = createServer(
    { key: readFileSync(keyFile), cert: readFileSync(certFile) },
    async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const upstream = await fetch(`${ctx.server.url}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: body || undefined,
      });
      res
        .writeHead(upstream.status, { "content-type": "application/json" })
        .end(await upstream.text());
    },
  );
  await new Promise<void>((resolve) => https.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => https.close(() => resolve())));

describe("https", () => {
  it("refuses an untrusted certificate, and works with NODE_EXTRA_CA_CERTS", async () => {
    const env = await loggedInEnv(ctx.server, { domain: url });
    const args = [
      "service-token",
      "create",
      "--projectId",
      ctx.server.demo.project.id,
      "-s",
      "dev:/",
      "-a",
      "read",
      "--token-only",
    ];
    const untrusted = await runCli(args, { env: { ...env, INFISICAL_DOMAIN: url } });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain(`error: could not make a trusted TLS connection to ${url}`);
    expect(untrusted.stderr).toContain("NODE_EXTRA_CA_CERTS");
    const trusted = await runCli(args, {
      env: { ...env, INFISICAL_DOMAIN: url, NODE_EXTRA_CA_CERTS: certFile },
    });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toMatch(/^st\./);
  });
});
