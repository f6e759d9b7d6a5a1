import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface, type Interface } from "node:readline";
import { z } from "zod";
import { classifyToken } from "../core/jwt-claims.js";
import { CliError } from "../errors.js";
import type { Logger } from "../output/logger.js";
import type { InputStream, OutputStream } from "../runtime.js";
import { browserCommand } from "./browser-command.js";

export const BROWSER_LOGIN_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_CALLBACK_BYTES = 64 * 1024;

/** What the web app sends to the callback (the field really is spelled JTWToken). */
const callbackSchema = z.object({
  JTWToken: z.string().min(1),
  email: z.string(),
  privateKey: z.string().optional(),
});

/** What arrives from the browser: the login token (whose account the server is asked). */
export interface BrowserLogin {
  token: string;
}

/**
 * What a person pastes: the web app's token (standard base64 of the callback's JSON), or a
 * user access token as it is.
 */
export function decodePastedToken(text: string): BrowserLogin | undefined {
  const value = text.trim();
  if (classifyToken(value) === "user") return { token: value };
  try {
    const parsed = callbackSchema.safeParse(
      JSON.parse(Buffer.from(value, "base64").toString("utf8")),
    );
    return parsed.success ? { token: parsed.data.JTWToken } : undefined;
  } catch {
    return undefined;
  }
}

function openInBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const command = browserCommand(url, process.platform, env);
  if (!command) return;
  try {
    const child = spawn(command.file, command.args, {
      stdio: "ignore",
      detached: true,
      windowsHide: true,
    });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // No browser here: the printed URL and the paste fallback remain.
  }
}

export interface BrowserLoginOptions {
  siteUrl: string;
  logger: Logger;
  stderr: OutputStream;
  stdin: InputStream;
  env: NodeJS.ProcessEnv;
  /** Try to open a browser (only where a person is at the terminal). */
  open: boolean;
  timeoutMs?: number;
}

/**
 * The callback's request handler: only POSTs (and their CORS preflight) from the Infisical
 * origin the user logs in to, with a body of the web app's shape, reach `onLogin`. A request
 * without that Origin (another local process, a page elsewhere) is refused; a malformed one is
 * answered 400 and the wait goes on.
 */
function callbackHandler(origin: string, onLogin: (login: BrowserLogin) => void) {
  const cors = { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
  return (req: IncomingMessage, res: ServerResponse) => {
    req.on("error", () => undefined);
    if (req.headers.origin !== origin) {
      res.writeHead(403).end();
      return;
    }
    if (req.method === "OPTIONS") {
      res
        .writeHead(204, {
          ...cors,
          "Access-Control-Allow-Methods": "POST",
          "Access-Control-Allow-Headers": "Content-Type",
        })
        .end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { ...cors, Allow: "POST, OPTIONS" }).end();
      return;
    }
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_CALLBACK_BYTES) req.destroy();
    });
    req.on("end", () => {
      let parsed;
      try {
        parsed = callbackSchema.safeParse(JSON.parse(body));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        res.writeHead(400, cors).end();
        return;
      }
      res.writeHead(200, { ...cors, "Content-Type": "application/json" }).end('{"message":"ok"}');
      onLogin({ token: parsed.data.JTWToken });
    });
  };
}

/** Lines typed or pasted on standard input: the fallback when the browser cannot call back. */
function watchPastes(
  stdin: InputStream,
  logger: Logger,
  onLogin: (login: BrowserLogin) => void,
  onEnd: () => void,
): Interface {
  const lines = createInterface({ input: stdin, terminal: false });
  // Nothing more can be pasted (`< /dev/null`, Ctrl-D): waiting on would wait for nothing.
  lines.on("close", onEnd);
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    const pasted = decodePastedToken(line);
    if (pasted) onLogin(pasted);
    else
      logger.warn(
        "that is not a login token from the browser; paste the whole value and press Enter",
      );
  });
  return lines;
}

/**
 * Waits for the web app to post the login to a callback server on 127.0.0.1, or for the person
 * to paste it, for at most 10 minutes.
 */
export function waitForBrowserLogin(options: BrowserLoginOptions): Promise<BrowserLogin> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, login?: BrowserLogin) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      lines.close();
      server.close();
      server.closeAllConnections();
      if (error) reject(error);
      else resolve(login as BrowserLogin);
    };
    const received = (login: BrowserLogin) => finish(undefined, login);

    const server = createServer(callbackHandler(new URL(options.siteUrl).origin, received));
    const lines = watchPastes(options.stdin, options.logger, received, () =>
      finish(
        new CliError("standard input ended before a login arrived from the browser", {
          hint: "run `infisical login` in a terminal, or paste the token on standard input, or log in with --email",
        }),
      ),
    );
    const timer = setTimeout(
      () =>
        finish(
          new CliError("no login arrived from the browser within 10 minutes", {
            hint: "run `infisical login` again, or log in with --email and --password",
          }),
        ),
      options.timeoutMs ?? BROWSER_LOGIN_TIMEOUT_MS,
    );

    server.on("error", (error) =>
      finish(new CliError(`could not start the login callback: ${error.message}`)),
    );
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      const url = `${options.siteUrl}/login?callback_port=${port}`;
      options.stderr.write(
        `Log in with your browser: ${url}\n` +
          "Waiting for the browser... If it cannot reach this machine, paste the token it shows here and press Enter.\n",
      );
      if (options.open) openInBrowser(url, options.env);
    });
  });
}
