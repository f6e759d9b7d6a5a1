import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { loggedInEnv, tokenOnlyCreateArgs, useDevServer } from "../helpers/dev-server.js";

// The build gives axios a stand-in for node:zlib that loads the real one only when a response is
// compressed (scripts/stubs/axios-zlib.cjs): these answers are compressed.
const ENCODERS: Record<string, (body: Buffer) => Buffer> = {
  gzip: (body) => zlib.gzipSync(body),
  deflate: (body) => zlib.deflateSync(body),
  br: (body) => zlib.brotliCompressSync(body),
};

const ctx = useDevServer();
let front: Server;
let url: string;
let encoding = "gzip";
const acceptEncodings: string[] = [];

/** A front for the dev server that compresses every answer with `encoding`. */
beforeAll(async () => {
  front = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    acceptEncodings.push(String(req.headers["accept-encoding"]));
    const upstream = await fetch(`${ctx.server.url}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: body || undefined,
    });
    const encode = ENCODERS[encoding]!;
    res
      .writeHead(upstream.status, {
        "content-type": "application/json",
        "content-encoding": encoding,
      })
      .end(encode(Buffer.from(await upstream.text())));
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => front.close(() => resolve())));

describe("compressed answers", () => {
  for (const name of Object.keys(ENCODERS)) {
    it(`a ${name} answer is decompressed (create, and an error's body)`, async () => {
      encoding = name;
      const env = { ...(await loggedInEnv(ctx.server, { domain: url })), INFISICAL_DOMAIN: url };
      const created = await runCli(tokenOnlyCreateArgs(ctx.server.demo.project.id), { env });
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toMatch(/^st\.[^.]+\.[^.]+\.[0-9a-f]+\n$/);
      // A 404 from the server: its JSON body, compressed, still gives the table's message.
      const missing = await runCli(tokenOnlyCreateArgs("no-such-project"), { env });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).not.toMatch(/invalid|unexpected token|zlib/i);
      expect(missing.stderr).toContain("no-such-project");
    });
  }

  it("asks for what axios can decompress on this Node (brotli always)", () => {
    expect(acceptEncodings.length).toBeGreaterThan(0);
    for (const header of acceptEncodings) expect(header).toBe("gzip, compress, deflate, br");
  });
});
