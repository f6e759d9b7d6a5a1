import { describe, expect, it } from "vitest";
import { addToken, loggedInEnv, useDevServer } from "../helpers/dev-server.js";
import { runInProcess } from "../helpers/in-process.js";

const ctx = useDevServer();
const DAY = 86_400;

function oldToken(fields: Parameters<typeof addToken>[1] = {}) {
  const server = ctx.server;
  const project = server.state.addProject(server.demo.organization.id, `rotate ${Math.random()}`);
  const { row, secret } = addToken(server, {
    name: "ci deploy",
    projectId: project.id,
    scopes: [
      { environment: "dev", secretPath: "/" },
      { environment: "prod", secretPath: "/api/**" },
    ],
    permissions: ["read", "write"],
    expiresInSeconds: 7 * DAY,
    ...fields,
  });
  return { projectId: project.id, row, token: `st.${row.id}.${secret}` };
}

const tokensOf = (projectId: string) =>
  [...ctx.server.state.serviceTokens.values()].filter((t) => t.projectId === projectId);
const createBodies = () =>
  ctx.server.requests
    .filter((r) => r.method === "POST" && r.url === "/api/v2/service-token")
    .map((r) => JSON.parse(r.body as string));

describe("service-token rotate", () => {
  it("leaves one token with the old name, scopes, permissions and validity length, a new id; the old one no longer works", async () => {
    const { projectId, row, token } = oldToken();
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      ["service-token", "rotate", row.id.slice(0, 8), "--token-only", "--projectId", projectId],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const fresh = r.stdout.trim();
    expect(fresh).toMatch(/^st\.[0-9a-f-]{36}\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    const left = tokensOf(projectId);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      name: "ci deploy",
      scopes: row.scopes,
      permissions: ["read", "write"],
    });
    expect(left[0]?.id).not.toBe(row.id);
    expect(fresh.split(".")[1]).toBe(left[0]?.id);
    expect(createBodies()).toEqual([expect.objectContaining({ expiresIn: 7 * DAY })]);

    // Reading secrets: the real server answers a deleted token with 404 (recording 63).
    const readAs = (serviceToken: string) =>
      fetch(
        `${ctx.server.url}/api/v3/secrets/raw?workspaceId=${projectId}&environment=dev&secretPath=/`,
        { headers: { Authorization: `Bearer ${serviceToken}` } },
      ).then((response) => response.status);
    expect(await readAs(token)).toBe(404);
    expect(await readAs(fresh)).toBe(200);
  });

  it("a token that never expires is replaced by one that never expires; --expires-in changes the length", async () => {
    const never = oldToken({ expiresInSeconds: null });
    const env = await loggedInEnv(ctx.server);
    const a = await runInProcess(
      ["service-token", "rotate", never.row.id, "--token-only", "--projectId", never.projectId],
      { env },
    );
    expect(a.code, a.stderr).toBe(0);
    expect(createBodies().at(-1)).toMatchObject({ expiresIn: 0 });
    const weekly = oldToken();
    const b = await runInProcess(
      [
        "service-token",
        "rotate",
        weekly.row.id,
        "--expires-in",
        "30d",
        "--json",
        "--projectId",
        weekly.projectId,
      ],
      { env },
    );
    expect(b.code, b.stderr).toBe(0);
    expect(createBodies().at(-1)).toMatchObject({ expiresIn: 30 * DAY });
    const json = JSON.parse(b.stdout);
    expect(json).toMatchObject({
      token: expect.stringMatching(/^st\./),
      name: "ci deploy",
      replaces: { id: weekly.row.id, deleted: true },
    });
  });

  it("if creating fails, nothing is deleted", async () => {
    const { projectId, row } = oldToken();
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "POST",
      path: "/api/v2/service-token",
      fault: {
        kind: "respond",
        status: 400,
        body: { statusCode: 400, message: "Bad request", error: "BadRequest" },
      },
    });
    const r = await runInProcess(["service-token", "rotate", row.id, "--projectId", projectId], {
      env,
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(ctx.server.requests.filter((q) => q.method === "DELETE")).toEqual([]);
    expect(tokensOf(projectId).map((t) => t.id)).toEqual([row.id]);
  });

  it("if deleting the old one fails, the new token is still printed, the failure said, exit 1", async () => {
    const { projectId, row } = oldToken();
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "DELETE",
      fault: {
        kind: "respond",
        status: 400,
        body: { statusCode: 400, message: "Bad request", error: "BadRequest" },
      },
    });
    const r = await runInProcess(
      ["service-token", "rotate", row.id, "--token-only", "--projectId", projectId],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^st\.[^\n]+\n$/);
    expect(r.stderr).toContain(`the old one (${row.id}) could not be deleted: Bad request`);
    expect(r.stderr).toContain(
      `hint: delete it yourself: infisical service-token delete ${row.id} --yes`,
    );
    expect(tokensOf(projectId)).toHaveLength(2);
  });

  it("--keep-old keeps both for a hand-over; --dry-run sends nothing but the list and shows both steps", async () => {
    const { projectId, row } = oldToken();
    const env = await loggedInEnv(ctx.server);
    const kept = await runInProcess(
      ["service-token", "rotate", row.id, "--keep-old", "--projectId", projectId],
      { env },
    );
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toContain("Created service token");
    expect(kept.stderr).toContain(
      `kept the old token ${row.id}; when the hand-over is done: infisical service-token delete ${row.id} --yes`,
    );
    expect(tokensOf(projectId)).toHaveLength(2);

    ctx.server.requests.length = 0;
    const dry = await runInProcess(
      ["service-token", "rotate", row.id, "--dry-run", "--json", "--projectId", projectId],
      { env },
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(ctx.server.requests.map((q) => q.method)).toEqual(["GET"]);
    const plan = JSON.parse(dry.stdout);
    expect(plan.dryRun).toBe(true);
    expect(
      plan.requests.map((q: { method: string; url: string }) => `${q.method} ${q.url}`),
    ).toEqual([
      `POST ${ctx.server.url}/api/v2/service-token`,
      `DELETE ${ctx.server.url}/api/v2/service-token/${row.id}`,
    ]);
    expect(plan.requests[0].body).toMatchObject({ name: "ci deploy", expiresIn: 7 * DAY });
    expect(JSON.stringify(plan)).not.toMatch(/Bearer ey/);
    const human = await runInProcess(
      ["service-token", "rotate", row.id, "--dry-run", "--projectId", projectId],
      { env },
    );
    expect(human.stdout).toContain('# 1. create the new token "ci deploy"');
    expect(human.stdout).toContain(`# 2. delete the old token ${row.id}`);
  });

  it("an unknown id names the project and how to find the right one", async () => {
    const { projectId } = oldToken();
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      ["service-token", "rotate", "00000000-0000-4000-8000-000000000000", "--projectId", projectId],
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no service token of project ${projectId} has the id`);
  });
});
