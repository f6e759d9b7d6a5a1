import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { loggedInEnv, tokenOnlyCreateArgs, useDevServer } from "../helpers/dev-server.js";

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
    const args = tokenOnlyCreateArgs(ctx.server.demo.project.id);
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

describe("through a proxy (HTTPS_PROXY, HTTP_PROXY)", () => {
  it("tunnels an https:// domain with CONNECT, and sends an http:// one to the proxy", async () => {
    const seen: string[] = [];
    // A forward proxy: CONNECT tunnels for https, absolute-URL requests for http.
    const proxy = createHttpServer(async (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      let body = "";
      for await (const chunk of req) body += chunk;
      const upstream = await fetch(req.url as string, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: body || undefined,
      });
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(await upstream.text());
    });
    const tunnels: Socket[] = [];
    proxy.on("connect", (req, client: Socket, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url as string).split(":");
      const server = connect(Number(port), host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        server.write(head);
        server.pipe(client).pipe(server);
      });
      tunnels.push(client, server);
      // The CLI closes its side when it is done: that is no failure of the test.
      server.on("error", () => client.destroy());
      client.on("error", () => server.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const tunnelled = await runCli(tokenOnlyCreateArgs(ctx.server.demo.project.id), {
        env: {
          ...(await loggedInEnv(ctx.server, { domain: url })),
          INFISICAL_DOMAIN: url,
          NODE_EXTRA_CA_CERTS: certFile,
          HTTPS_PROXY: proxyUrl,
        },
      });
      expect(tunnelled.code, tunnelled.stderr).toBe(0);
      expect(tunnelled.stdout).toMatch(/^st\./);
      expect(seen).toEqual([`CONNECT ${new URL(url).host}`]);

      const forwarded = await runCli(tokenOnlyCreateArgs(ctx.server.demo.project.id), {
        env: { ...(await loggedInEnv(ctx.server)), HTTP_PROXY: proxyUrl },
      });
      expect(forwarded.code, forwarded.stderr).toBe(0);
      expect(forwarded.stdout).toMatch(/^st\./);
      expect(seen[1]).toBe(`POST ${ctx.server.url}/api/v2/service-token`);
    } finally {
      for (const socket of tunnels) socket.destroy();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
