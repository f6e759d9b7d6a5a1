import { identityRoutes } from "./routes/identities.js";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { identify, requireAuth } from "./auth.js";
import { FaultInjector } from "./faults.js";
import { HttpError, newRequestId, somethingWentWrong } from "./http-error.js";
import { MfaLockout } from "./mfa-lockout.js";
import { matchPath, RawResponse, Reply, type Route, type ServerDeps } from "./route.js";
import { authRoutes } from "./routes/auth.js";
import { mfaRoutes } from "./routes/mfa.js";
import { organizationRoutes } from "./routes/organizations.js";
import { projectRoutes } from "./routes/projects.js";
import { secretRoutes } from "./routes/secrets.js";
import { serviceTokenRoutes } from "./routes/service-tokens.js";
import { seedDemo, type Demo } from "./seed.js";
import { DevState } from "./state.js";
import { loginPage } from "./login-page.js";
import { issueAccessToken } from "./tokens.js";

const ROUTES: Route[] = [
  ...authRoutes,
  ...mfaRoutes,
  ...organizationRoutes,
  ...serviceTokenRoutes,
  ...projectRoutes,
  ...secretRoutes,
  ...identityRoutes,
];
export const DEMO_MFA_CODE = "123456";
const CURRENT_LIST = "/api/v1/projects/:projectId/service-token-data";
const LEGACY_LIST = "/api/v1/workspace/:projectId/service-token-data";
const BODY_LIMIT = 1024 * 1024;

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface DevServerOptions {
  host?: string;
  port?: number;
  now?: () => Date;
  /** Ask for an MFA code (DEMO_MFA_CODE) when selecting an organization. */
  mfa?: boolean;
  /** Behave like an older server: list tokens only at the legacy /api/v1/workspace/ route. */
  legacy?: boolean;
  /** Apply an identity's new privileges only this long after they are added (real: up to 10 s). */
  privilegeDelaySeconds?: number;
  /** Called with one line per answered request. */
  log?: ((line: string) => void) | undefined;
}

export interface IssueTokenOptions {
  userId?: string;
  /** Omit for a token as /v3/auth/login returns it (before an organization is selected). */
  organizationId?: string | null;
  expiresInSeconds?: number;
  authTokenType?: string;
}

export interface DevServer {
  /** Site URL, e.g. http://127.0.0.1:40123 (the API is below /api). */
  url: string;
  state: DevState;
  demo: Demo;
  faults: FaultInjector;
  /** Failed MFA tries and locks, for tests that edit them as an administrator would. */
  lockout: MfaLockout;
  /** Every request received, in order: what tests assert the CLI sent. */
  requests: RecordedRequest[];
  issueToken(options?: IssueTokenOptions): string;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(size > BODY_LIMIT ? "\u0000too-large" : Buffer.concat(chunks).toString("utf8")),
    );
    req.on("error", reject);
  });
}

/** Fastify's content-type parsing; the server answers any parse failure with a plain 500. */
function parseBody(req: IncomingMessage, raw: string): unknown {
  if (raw === "\u0000too-large") throw somethingWentWrong();
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return JSON.parse(raw);
    } catch {
      throw somethingWentWrong();
    }
  }
  if (type.startsWith("text/")) return raw;
  if (raw === "") return undefined;
  throw somethingWentWrong();
}

function routesFor(options: DevServerOptions): Route[] {
  return options.legacy
    ? ROUTES.map((r) => (r.path === CURRENT_LIST ? { ...r, path: LEGACY_LIST } : r))
    : ROUTES;
}

function findRoute(routes: Route[], method: string, path: string) {
  for (const route of routes) {
    const params = route.method === method ? matchPath(route.path, path) : undefined;
    if (params) return { route, params };
  }
  return undefined;
}

/** Identity, auth, body validation and the handler, as the real server runs them; the answer. */
function runRoute(
  route: Route,
  params: Record<string, string>,
  req: IncomingMessage,
  raw: string,
  url: URL,
  deps: ServerDeps,
): unknown {
  const identity = route.skipIdentity ? null : identify(req, deps);
  if (route.auth) requireAuth(identity, route.auth, req.url ?? "/");
  let body: unknown = undefined;
  if (route.body) {
    const parsed = route.body.safeParse(parseBody(req, raw));
    if (!parsed.success) throw new HttpError(422, parsed.error.issues, "ValidationFailure");
    body = parsed.data;
  }
  return route.handle({
    params,
    query: url.searchParams,
    url: req.url ?? "/",
    identity,
    body,
    deps,
    headers: req.headers,
  });
}

function send(res: ServerResponse, result: unknown): void {
  if (result instanceof RawResponse) sendJson(res, result.status, result.body, result.headers);
  else if (result instanceof Reply) sendJson(res, 200, result.body, result.headers);
  else sendJson(res, 200, result);
}

/** The request handler: record, apply an injected fault, route, answer (or the error body). */
function requestHandler(
  routes: Route[],
  deps: ServerDeps,
  demo: Demo,
  faults: FaultInjector,
  requests: RecordedRequest[],
  log: DevServerOptions["log"],
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    res.on("finish", () =>
      log?.(`${req.method} ${req.url} → ${res.statusCode} (${Date.now() - started} ms)`),
    );
    const raw = await readBody(req);
    const rawUrl = req.url ?? "/";
    const method = req.method ?? "GET";
    requests.push({ method, url: rawUrl, headers: req.headers, body: raw });
    const url = new URL(rawUrl, "http://dev-server");
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;

    const fault = faults.take(method, path);
    if (fault?.kind === "reset-before") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "respond") {
      sendJson(res, fault.status, fault.body, fault.headers);
      return;
    }
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));

    const page = method === "GET" && path === "/login" && loginPage(url.searchParams, deps, demo);
    if (page) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      return;
    }
    const matched = findRoute(routes, method, path);
    if (!matched) {
      sendJson(res, 404, {
        message: `Route ${method}:${rawUrl} not found`,
        error: "Not Found",
        statusCode: 404,
      });
      return;
    }
    try {
      const result = runRoute(matched.route, matched.params, req, raw, url, deps);
      if (fault?.kind === "reset-after") req.socket.destroy();
      else send(res, result);
    } catch (error) {
      const httpError = error instanceof HttpError ? error : somethingWentWrong();
      sendJson(res, httpError.status, httpError.body(newRequestId()));
    }
  };
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const now = options.now ?? (() => new Date());
  const state = new DevState(now, (options.privilegeDelaySeconds ?? 0) * 1000);
  const demo = seedDemo(state);
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const deps: ServerDeps = {
    state,
    jwtSecret: randomBytes(32).toString("hex"),
    now,
    lockout: new MfaLockout(),
    mfa: { enabled: options.mfa ?? false, code: DEMO_MFA_CODE },
  };

  const handle = requestHandler(routesFor(options), deps, demo, faults, requests, options.log);
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, somethingWentWrong().body(newRequestId()));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    state,
    demo,
    faults,
    lockout: deps.lockout,
    requests,
    issueToken: (opts = {}) =>
      issueAccessToken(deps, {
        userId: opts.userId ?? demo.user.id,
        organizationId:
          opts.organizationId === undefined
            ? demo.organization.id
            : (opts.organizationId ?? undefined),
        authTokenType: opts.authTokenType,
        lifetimeSeconds: opts.expiresInSeconds,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
