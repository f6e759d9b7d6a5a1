import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process.js";
import { createArgs, createRequests, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const TOKEN_SHAPE = /^st\.[0-9a-f-]{36}\.[0-9a-f]{32}\.[0-9a-f]{32}$/;

function project() {
  return ctx.server.demo.project.id;
}

describe("service-token create: success", () => {
  it("prints the token alone on stdout and the details on stderr, and sends the exact request", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(createArgs(project()), { env });
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    expect(token).toMatch(TOKEN_SHAPE);
    expect(result.stderr).toContain('Created service token "Service token generated via CLI"');
    expect(result.stderr).toContain(`Project  ${project()}`);
    expect(result.stderr).toMatch(/Access\s+read\n/);
    expect(result.stderr).toMatch(/Scopes\s+dev:\/ — root folder only\n/);
    expect(result.stderr).toMatch(
      /Expires\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (23 hours|1 day)\)/,
    );
    expect(result.stderr).toContain("shown only once");
    expect(result.stderr).not.toContain(token.split(".")[2]);

    const [request, ...others] = createRequests(ctx.server);
    expect(others).toHaveLength(0);
    expect(request?.url).toBe("/api/v2/service-token");
    expect(request?.headers["user-agent"]).toBe("cli");
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers.authorization).toMatch(/^Bearer eyJ/);
    const body = JSON.parse(request?.body ?? "");
    expect(Object.keys(body)).toEqual([
      "name",
      "workspaceId",
      "scopes",
      "expiresIn",
      "encryptedKey",
      "iv",
      "tag",
      "randomBytes",
      "permissions",
    ]);
    expect(body).toMatchObject({
      name: "Service token generated via CLI",
      workspaceId: project(),
      scopes: [{ environment: "dev", secretPath: "/" }],
      expiresIn: 86400,
      encryptedKey: "",
      iv: "",
      tag: "",
      permissions: ["read"],
    });
    expect(body.randomBytes).toMatch(/^[0-9a-f]{32}$/);
    expect(token.endsWith(`.${body.randomBytes}`)).toBe(true);
  });

  it("--token-only prints exactly the token and nothing on stderr", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(createArgs(project(), "--token-only"), { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^st\.[^\n]+\n$/);
    expect(result.stdout.trim()).toMatch(TOKEN_SHAPE);
    expect(result.stderr).toBe("");
  });

  it("--json prints the documented object", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(
      [
        "service-token",
        "create",
        "-s",
        "dev:/a/,prod:/b/**",
        "-a",
        "write,read",
        "--projectId",
        project(),
        "-n",
        "ci",
        "-e",
        "0",
        "--json",
      ],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual([
      "token",
      "id",
      "name",
      "projectId",
      "scopes",
      "permissions",
      "expiresAt",
      "createdAt",
    ]);
    expect(json).toMatchObject({
      name: "ci",
      projectId: project(),
      scopes: [
        { environment: "dev", secretPath: "/a" },
        { environment: "prod", secretPath: "/b/**" },
      ],
      permissions: ["read", "write"],
      expiresAt: null,
    });
    expect(json.token).toMatch(TOKEN_SHAPE);
    expect(json.token).toContain(json.id);
    expect(new Date(json.createdAt).toISOString()).toBe(json.createdAt);
  });

  it("never expires with -e 0 or --expires-in never, and converts durations", async () => {
    const env = await loggedInEnv(ctx.server);
    const never = await runInProcess(createArgs(project(), "--expires-in", "never"), { env });
    expect(never.code).toBe(0);
    expect(never.stderr).toMatch(/Expires\s+never/);
    const twoWeeks = await runInProcess(createArgs(project(), "--expires-in", "2w"), { env });
    expect(twoWeeks.code).toBe(0);
    expect(twoWeeks.stderr).toMatch(/\(in 2 weeks\)/);
    const bodies = createRequests(ctx.server).map((r) => JSON.parse(r.body).expiresIn);
    expect(bodies).toEqual([0, 1_209_600]);
  });

  it("normalises scopes: CSV, braces, quotes, trailing slashes and duplicates", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(
      [
        "service-token",
        "create",
        "--projectId",
        project(),
        "-a",
        "READ",
        "-a",
        "read",
        "-s",
        "dev:/{a,b}/**",
        "-s",
        "dev:/x/,dev:/x",
        "--scope",
        '"staging:/c,d"',
        "-s",
        "dev://",
      ],
      { env },
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(createRequests(ctx.server)[0]?.body ?? "");
    expect(body.scopes).toEqual([
      { environment: "dev", secretPath: "/{a,b}/**" },
      { environment: "dev", secretPath: "/x" },
      { environment: "staging", secretPath: "/c,d" },
      { environment: "dev", secretPath: "/" },
    ]);
    expect(body.permissions).toEqual(["read"]);
  });
});
