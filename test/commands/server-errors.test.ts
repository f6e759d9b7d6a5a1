import { describe, expect, it } from "vitest";
import type { Fault } from "../../src/dev-server/faults.js";
import { runInProcess, type InProcessOptions } from "../helpers/in-process.js";
import { createArgs, createRequests, loggedInEnv, useDevServer } from "../helpers/dev-server.js";
import { recordedAnswer } from "../helpers/recordings.js";

const ctx = useDevServer();
const PATH = "/api/v2/service-token";

async function create(
  extra: string[] = [],
  envExtra: Record<string, string> = {},
  options: InProcessOptions = {},
) {
  const env = await loggedInEnv(ctx.server);
  return runInProcess(createArgs(ctx.server.demo.project.id, ...extra), {
    ...options,
    env: { ...env, ...envExtra },
  });
}

/** Waits between retries that are recorded instead of waited. */
function recordedWaits() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

type Answer = Omit<Extract<Fault, { kind: "respond" }>, "kind">;

/** The next `times` create requests (every one, without `times`) get this answer. */
function answerCreate(answer: Answer, times?: number) {
  ctx.server.faults.add({
    method: "POST",
    path: PATH,
    ...(times === undefined ? {} : { times }),
    fault: { kind: "respond", ...answer },
  });
}

/** The answer a real server gave in a recording, for the next `times` creates. */
function answerWith(name: string, times = 1) {
  answerCreate(recordedAnswer(name), times);
}

/** The real server's 429, asking to wait `seconds`. */
function rateLimited(seconds: number, reqId: string): Answer {
  return {
    status: 429,
    headers: { "retry-after": String(seconds) },
    body: {
      reqId,
      statusCode: 429,
      message: `Rate limit exceeded. Please try again in ${seconds} seconds`,
      error: "RateLimitExceeded",
    },
  };
}

function expectFailure(result: Awaited<ReturnType<typeof create>>, code: number, message: string) {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at .*\(/); // no stack trace
}

describe("answers of the real server (replayed from shared/real-server)", () => {
  it("401 Token missing -> exit 4", async () => {
    answerWith("11");
    const r = await create();
    expectFailure(r, 4, "error: the server received no credentials");
    expect(r.stderr).toContain("status: 401 Unauthorized");
    expect(r.stderr).toMatch(/request id: req-\w{14}/);
    expect(r.stderr).toContain(`request: POST ${ctx.server.url}/api/v2/service-token`);
  });

  it("403 TokenError (malformed, expired, bad signature) -> exit 4", async () => {
    answerWith("12");
    expectFailure(
      await create(),
      4,
      "error: the server rejected the access token: The provided access token is malformed",
    );
    answerWith("13");
    expectFailure(await create(), 4, "error: the session has expired");
    answerWith("14");
    const r = await create();
    expectFailure(r, 4, "error: the server rejected the access token: invalid signature");
    expect(r.stderr).toContain("check --domain");
  });

  it("a token signed by another server is rejected with exit 4 (real signature check)", async () => {
    const foreign = ctx.server.issueToken().replace(/\.[^.]+$/, ".c2lnbmF0dXJl");
    const env = await loggedInEnv(ctx.server, { token: foreign });
    const r = await runInProcess(createArgs(ctx.server.demo.project.id), { env });
    expectFailure(r, 4, "invalid signature");
  });

  it("401 without organization and 403 for a service token or identity -> exit 4", async () => {
    answerWith("15");
    expectFailure(await create(), 4, "error: the session has no organization selected");
    answerWith("39");
    const r = await create();
    expectFailure(r, 4, "error: this kind of credential cannot be used for this request");
  });

  it("404 unknown project names the project and what to check", async () => {
    const r = await create(["--projectId", "00000000-0000-4000-8000-000000000000"]);
    expectFailure(r, 1, 'error: project "00000000-0000-4000-8000-000000000000" was not found');
    expect(r.stderr).toContain("status: 404 Not Found");
    expect(r.stderr).toContain("hint: check the project id");
  });

  it("404 unknown environment names the unknown slugs and lists the project's environments", async () => {
    const r = await create(["-s", "qa:/,dev:/x,nope:/"]);
    expectFailure(r, 1, "error: unknown environments in --scope: qa, nope");
    expect(r.stderr).toContain('project "Demo Project"');
    expect(r.stderr).toContain("has: dev (Development), staging (Staging), prod (Production)");
    expect(r.stderr).toContain("hint: use one of: dev, staging, prod");
    expect(ctx.server.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      `POST ${PATH}`,
      `GET /api/v1/projects/${ctx.server.demo.project.id}`,
    ]);
  });

  it("404 unknown environment still explains itself when the project cannot be read", async () => {
    answerWith("18");
    ctx.server.faults.add({ method: "GET", fault: { kind: "respond", status: 500, body: "oops" } });
    const r = await create();
    expectFailure(r, 1, "error: one or more environments in --scope do not exist in the project");
  });

  it("422 validation failure shows the server's issues", async () => {
    answerWith("20");
    const r = await create();
    expectFailure(
      r,
      1,
      "error: the server rejected the request as invalid: permissions.0: Invalid enum value",
    );
  });

  it("403 permission denied -> exit 1 with the reason", async () => {
    answerWith("54");
    const r = await create();
    expectFailure(r, 1, "error: permission denied: You are not allowed to create on secrets");
  });

  it("404 route not found (no reqId) says the route is missing", async () => {
    answerWith("46");
    expectFailure(
      await create(),
      1,
      `error: the server at ${ctx.server.url} has no such API route`,
    );
  });

  it("500 is not retried and says the token may or may not exist", async () => {
    answerWith("23");
    const r = await create();
    expectFailure(r, 1, "error: the server failed (500: Something went wrong)");
    expect(r.stderr).toContain(
      "may or may not have taken effect; check with `infisical service-token list`",
    );
    expect(createRequests(ctx.server)).toHaveLength(1);
  });
});

describe("faults", () => {
  it("429 with Retry-After is retried once and exactly one token is created", async () => {
    const before = ctx.server.state.serviceTokens.size;
    answerCreate(rateLimited(1, "req-aaaaaaaaaaaaaa"), 1);
    const r = await create(["--token-only"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "warning: the server is rate limiting requests (429); retrying in 1 s, attempt 2 of 8",
    );
    expect(r.stdout).toMatch(/^st\./);
    expect(createRequests(ctx.server)).toHaveLength(2);
    expect(ctx.server.state.serviceTokens.size).toBe(before + 1);
  });

  it("429 every time gives up after the attempt cap, exit 1, and says when to retry", async () => {
    const before = ctx.server.state.serviceTokens.size;
    answerCreate(rateLimited(1, "req-cccccccccccccc"));
    const clock = recordedWaits();
    const r = await create([], {}, { sleep: clock.sleep });
    expectFailure(r, 1, "error: the server is rate limiting requests and the retries ran out");
    expect(r.stderr).toContain("hint: try again in 1 seconds");
    expect(createRequests(ctx.server)).toHaveLength(8);
    expect(clock.waits).toEqual(Array(7).fill(1000));
    expect(ctx.server.state.serviceTokens.size).toBe(before);
  });

  it("429 beyond the 60 s budget gives up at once and says when to retry", async () => {
    answerCreate(rateLimited(61, "req-bbbbbbbbbbbbbb"));
    const r = await create();
    expectFailure(r, 1, "error: the server is rate limiting requests and the retries ran out");
    expect(r.stderr).toContain("hint: try again in 61 seconds");
    expect(createRequests(ctx.server)).toHaveLength(1);
  });

  it("502 HTML from a proxy is not retried and is named as HTML", async () => {
    answerCreate({
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      headers: { "content-type": "text/html" },
    });
    const r = await create();
    expectFailure(r, 1, `error: the server at ${ctx.server.url} answered 502 with an HTML page`);
    expect(r.stderr).toContain("may or may not have taken effect");
    expect(createRequests(ctx.server)).toHaveLength(1);
  });

  it("a truncated JSON 200 is a clear error, and the token may exist", async () => {
    answerCreate({ status: 200, body: '{"serviceToken":"st.abc' });
    const r = await create();
    expectFailure(
      r,
      1,
      "error: the server's answer could not be understood: it is not valid JSON (cut short?)",
    );
    expect(r.stderr).toContain("may or may not have taken effect");
  });

  it("a 200 of the wrong shape is a clear error", async () => {
    answerCreate({ status: 200, body: { serviceToken: 42 } });
    const r = await create();
    expectFailure(
      r,
      1,
      "error: the server's answer could not be understood: it does not have the expected fields (serviceToken: Expected string, received number)",
    );
  });

  it("an HTML 200 (a login portal) is named as HTML", async () => {
    answerCreate({ status: 200, body: "<!doctype html><title>Sign in</title>" });
    expectFailure(await create(), 1, "it is an HTML page, not JSON");
  });

  it("a connection reset after the request was handled is not retried; the token may exist", async () => {
    const before = ctx.server.state.serviceTokens.size;
    ctx.server.faults.add({ method: "POST", path: PATH, times: 1, fault: { kind: "reset-after" } });
    const r = await create();
    expectFailure(
      r,
      1,
      `error: the exchange with ${ctx.server.url} broke off: the connection was reset`,
    );
    expect(r.stderr).toContain("may or may not have taken effect");
    expect(createRequests(ctx.server)).toHaveLength(1);
    expect(ctx.server.state.serviceTokens.size).toBe(before + 1);
  });

  it("a response slower than --timeout fails within timeout + 1 s, without retry", async () => {
    ctx.server.faults.add({
      method: "POST",
      path: PATH,
      times: 1,
      fault: { kind: "delay", ms: 4000 },
    });
    const r = await create(["--timeout", "1"]);
    expectFailure(r, 1, `error: ${ctx.server.url} did not answer within 1 s`);
    expect(r.stderr).toContain("hint: raise the limit with --timeout <seconds>");
    expect(r.durationMs).toBeLessThan(2500);
    expect(createRequests(ctx.server)).toHaveLength(1);
  });

  it("connection refused is retried, then names the URL", async () => {
    const env = await loggedInEnv(ctx.server, { domain: "http://127.0.0.1:9" });
    const r = await runInProcess(
      ["--debug", "service-token", "create", "-s", "dev:/", "-a", "read", "--projectId", "p"],
      {
        env: { ...env, INFISICAL_DOMAIN: "http://127.0.0.1:9" },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "error: could not reach http://127.0.0.1:9: the connection was refused",
    );
    expect(r.stderr).toContain("request: POST http://127.0.0.1:9/api/v2/service-token");
    expect(r.stderr.match(/→ POST/g)).toHaveLength(4);
    expect(r.stderr).not.toContain("may or may not");
  });
});
