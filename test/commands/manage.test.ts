import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer } from "../../src/dev-server/server.js";
import { runInProcess } from "../helpers/in-process.js";
import { createArgs, loggedInEnv, useDevServer } from "../helpers/dev-server.js";
import { recordedAnswer } from "../helpers/recordings.js";

const ctx = useDevServer();
const project = () => ctx.server.demo.project.id;

async function createToken(env: Record<string, string>, ...extra: string[]): Promise<string> {
  const r = await runInProcess(createArgs(project(), "--token-only", ...extra), { env });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe("the token lifecycle", () => {
  it("a created token is listed, described by view, and after delete is gone from list and rejected by view", async () => {
    const env = await loggedInEnv(ctx.server);
    const token = await createToken(env, "-n", "lifecycle", "-s", "prod:/api/**", "-a", "write");
    const id = token.split(".")[1] as string;

    const list = await runInProcess(["service-token", "list", "--projectId", project(), "--json"], {
      env,
    });
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout).find((t: { id: string }) => t.id === id);
    expect(listed).toEqual({
      id,
      name: "lifecycle",
      projectId: project(),
      scopes: [
        { environment: "dev", secretPath: "/" },
        { environment: "prod", secretPath: "/api/**" },
      ],
      permissions: ["read", "write"],
      expiresAt: expect.any(String),
      lastUsed: null,
      createdAt: expect.any(String),
      createdBy: ctx.server.demo.user.id,
    });

    const view = await runInProcess(["service-token", "view", "-"], { env, input: `${token}\n` });
    expect(view.code, view.stderr).toBe(0);
    expect(view.stdout).toMatch(/Name\s+lifecycle/);
    expect(view.stdout).toMatch(
      /Scopes\s+dev:\/ — root folder only\n\s+prod:\/api\/\*\* — \/api and every folder below it\n/,
    );
    expect(view.stdout).toMatch(/Access\s+read, write/);
    expect(view.stdout).toContain(`by ${ctx.server.demo.user.email}`);
    expect(view.stdout + view.stderr).not.toContain(token.split(".")[2]);
    expect(view.stdout).not.toMatch(/hash|sha256|encryptedKey/i);

    const viewJson = JSON.parse(
      (
        await runInProcess(["service-token", "view", "--json"], {
          env: { ...env, INFISICAL_TOKEN: token },
        })
      ).stdout,
    );
    expect(Object.keys(viewJson)).toEqual([
      "id",
      "name",
      "projectId",
      "scopes",
      "permissions",
      "expiresAt",
      "lastUsed",
      "createdAt",
      "createdBy",
    ]);
    expect(viewJson.createdBy).toEqual({
      id: ctx.server.demo.user.id,
      email: ctx.server.demo.user.email,
    });
    expect(JSON.stringify(viewJson)).not.toMatch(/secretHash|encryptedKey|"iv"|"tag"/);

    // Using the token shows up as "last used" in the list afterwards.
    const afterUse = JSON.parse(
      (await runInProcess(["service-token", "list", "--projectId", project(), "--json"], { env }))
        .stdout,
    );
    expect(afterUse.find((t: { id: string }) => t.id === id).lastUsed).not.toBeNull();

    const del = await runInProcess(["service-token", "delete", id, "--yes"], { env });
    expect(del.code, del.stderr).toBe(0);
    expect(del.stderr).toContain(`✓ Deleted ${id} ("lifecycle")`);

    const after = JSON.parse(
      (await runInProcess(["service-token", "list", "--projectId", project(), "--json"], { env }))
        .stdout,
    );
    expect(after.map((t: { id: string }) => t.id)).not.toContain(id);
    const rejected = await runInProcess(["service-token", "view", token], { env });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain(
      `error: no service token with id ${id} exists on ${ctx.server.url}`,
    );
  });
});

describe("service-token list", () => {
  it("prints tab-separated lines when piped, newest first, and a notice when empty", async () => {
    const env = await loggedInEnv(ctx.server);
    const empty = ctx.server.state.addProject(ctx.server.demo.organization.id, "Empty");
    const none = await runInProcess(["service-token", "list", "--projectId", empty.id], { env });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain(`no service tokens in project ${empty.id}`);
    expect(
      JSON.parse(
        (await runInProcess(["service-token", "list", "--projectId", empty.id, "--json"], { env }))
          .stdout,
      ),
    ).toEqual([]);

    const first = (await createToken(env, "-n", "first")).split(".")[1];
    const second = (await createToken(env, "-n", "second", "-e", "0")).split(".")[1];
    const r = await runInProcess(["service-token", "list", "--projectId", project()], { env });
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => l.split("\t"));
    expect(lines[0]?.slice(0, 2)).toEqual([second, "second"]);
    expect(lines[0]?.[4]).toBe("never");
    expect(lines[1]?.slice(0, 2)).toEqual([first, "first"]);
    expect(lines[1]?.[4]).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("shows a table that fits the terminal, and tab-separated lines when piped", async () => {
    const env = await loggedInEnv(ctx.server);
    await createToken(
      env,
      "-n",
      "a very long token name that will not fit in a narrow terminal at all",
    );
    for (const columns of [60, 80, 100, 120]) {
      const r = await runInProcess(["service-token", "list", "--projectId", project()], {
        env,
        terminal: { columns },
      });
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split("\n").filter((l) => l.trim());
      expect(lines[0]).toMatch(/^ID\s+NAME\s+SCOPES/);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(columns);
    }
    const wide = await runInProcess(["service-token", "list", "--projectId", project()], {
      env,
      terminal: { columns: 200 },
    });
    expect(wide.stdout.split("\n")[0]).toMatch(
      /^ID\s+NAME\s+SCOPES\s+ACCESS\s+EXPIRES\s+LAST USED\s+CREATED/,
    );
    expect(wide.stderr).toBe("");
    const narrow = await runInProcess(["service-token", "list", "--projectId", project()], {
      env,
      terminal: { columns: 60 },
    });
    expect(narrow.stdout).toContain("…");
    expect(narrow.stdout.split("\n")[0]).toMatch(/ACCESS\s+EXPIRES$/);
    expect(narrow.stderr).toContain("hidden to fit: LAST USED, CREATED (--json has all)");
  });

  it("falls back to the legacy route on a server that only has it", async () => {
    const legacy = await startDevServer({ legacy: true });
    try {
      const env = await loggedInEnv(legacy);
      const r = await runInProcess(
        ["service-token", "list", "--projectId", legacy.demo.project.id, "--json"],
        { env },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(legacy.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
        `GET /api/v1/projects/${legacy.demo.project.id}/service-token-data`,
        `GET /api/v1/workspace/${legacy.demo.project.id}/service-token-data`,
      ]);
    } finally {
      await legacy.close();
    }
  });

  it("retries a read after 503 and reports a service token used as a login", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "GET",
      times: 1,
      fault: { kind: "respond", status: 503, body: "busy" },
    });
    const r = await runInProcess(["service-token", "list", "--projectId", project(), "--json"], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(ctx.server.requests).toHaveLength(2);

    ctx.server.faults.add({
      method: "GET",
      times: 1,
      fault: { kind: "respond", ...recordedAnswer("83") },
    });
    const forbidden = await runInProcess(["service-token", "list", "--projectId", project()], {
      env,
    });
    expect(forbidden.code).toBe(4);
    expect(forbidden.stderr).toContain("this kind of credential cannot be used for this request");
  });
});

describe("service-token delete", () => {
  it("requires --yes without a terminal, and sends nothing", async () => {
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(["service-token", "delete", "some-id"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: deleting tokens needs confirmation");
    expect(r.stderr).toContain("--yes");
    expect(ctx.server.requests).toHaveLength(0);
    const noIds = await runInProcess(["service-token", "delete", "--yes"], { env });
    expect(noIds.code).toBe(2);
  });

  it("tries every id, reports each, and exits 1 if any failed", async () => {
    const env = await loggedInEnv(ctx.server);
    const a = (await createToken(env)).split(".")[1] as string;
    const b = (await createToken(env)).split(".")[1] as string;
    const r = await runInProcess(["service-token", "delete", a, "not-a-uuid", b, "--yes"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✓ Deleted ${a}`);
    expect(r.stderr).toContain("✗ not-a-uuid: Service token with ID 'not-a-uuid' not found");
    expect(r.stderr).toContain(`✓ Deleted ${b}`);
    expect(r.stderr).toContain("error: 1 of 3 tokens could not be deleted");

    const c = (await createToken(env)).split(".")[1] as string;
    const json = await runInProcess(
      ["service-token", "delete", c, c, "missing", "--yes", "--json"],
      {
        env,
      },
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      { id: c, deleted: true, name: "Service token generated via CLI" },
      {
        id: "missing",
        deleted: false,
        error: "Service token with ID 'missing' not found",
        status: 404,
      },
    ]);
  });

  it("never asks with --no-input or in CI, even in a terminal: --yes is then required", async () => {
    const env = await loggedInEnv(ctx.server);
    const id = (await createToken(env)).split(".")[1] as string;
    for (const [args, extra] of [
      [["--no-input", "service-token", "delete", id], {}],
      [["service-token", "delete", id], { CI: "true" }],
      [["service-token", "delete", id], { CI: "1" }],
    ] as const) {
      const r = await runInProcess([...args], {
        env: { ...env, ...extra },
        terminal: { columns: 80 },
      });
      expect(r.code).toBe(2);
      expect(r.questions).toEqual([]);
      expect(r.stderr).toContain("pass --yes");
    }
    expect(ctx.server.state.serviceTokens.has(id)).toBe(true);
  });

  it("asks for confirmation when a person is at the terminal", async () => {
    const env = await loggedInEnv(ctx.server);
    const id = (await createToken(env)).split(".")[1] as string;
    const declined = await runInProcess(["service-token", "delete", id], {
      env,
      terminal: { columns: 80 },
      answers: [{ confirm: false }],
    });
    expect(declined.code).toBe(2);
    expect(declined.questions).toEqual([
      `Delete service token ${id}? Anything using it stops working at once.`,
    ]);
    expect(declined.stderr).toContain("cancelled: nothing was deleted");
    expect(ctx.server.state.serviceTokens.has(id)).toBe(true);
    const accepted = await runInProcess(["service-token", "delete", id, id], {
      env,
      terminal: { columns: 80 },
      answers: [{ confirm: true }],
    });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain(`Deleted ${id}`);
    expect(ctx.server.state.serviceTokens.has(id)).toBe(false);
  });
});

describe("service-token view errors", () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await loggedInEnv(ctx.server);
  });
  afterAll(() => undefined);

  it("an expired token: 403, exit 4, and it is gone afterwards", async () => {
    const token = await createToken(env, "-e", "0");
    const id = token.split(".")[1] as string;
    const row = ctx.server.state.serviceTokens.get(id);
    if (row) row.expiresAt = new Date(Date.now() - 1000).toISOString();
    const r = await runInProcess(["service-token", "view", token], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("error: the service token has expired");
    expect(ctx.server.state.serviceTokens.has(id)).toBe(false);
  });

  it("a wrong secret: 401, exit 4; an unknown id: exit 1; not a token: exit 2", async () => {
    const token = await createToken(env);
    const [, id] = token.split(".");
    const wrong = await runInProcess(["service-token", "view", `st.${id}.${"0".repeat(32)}`], {
      env,
    });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain("error: the service token was rejected: its secret is wrong");
    const unknown = await runInProcess(
      ["service-token", "view", `st.00000000-0000-4000-8000-000000000000.${"1".repeat(32)}`],
      { env },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "error: no service token with id 00000000-0000-4000-8000-000000000000 exists",
    );
    const notToken = await runInProcess(["service-token", "view", "hello"], { env });
    expect(notToken.code).toBe(2);
    const none = await runInProcess(["service-token", "view"], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("INFISICAL_TOKEN");
  });

  it("a 3-part token works like the 4-part one", async () => {
    const token = await createToken(env);
    const threeParts = token.split(".").slice(0, 3).join(".");
    const r = await runInProcess(["service-token", "view", threeParts, "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe(token.split(".")[1]);
  });
});

describe("ids by their beginning", () => {
  it("delete takes the unique beginning that list shows, and refuses an ambiguous or unknown one", async () => {
    const env = await loggedInEnv(ctx.server);
    const id = (await createToken(env, "-n", "by prefix")).split(".")[1] as string;
    const unknown = await runInProcess(
      ["service-token", "delete", "--yes", "--projectId", project(), "ffffffff"],
      { env },
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("has an id starting with ffffffff");
    const r = await runInProcess(
      ["service-token", "delete", "--yes", "--projectId", project(), id.slice(0, 8)],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ Deleted ${id} ("by prefix")`);
    expect(ctx.server.state.serviceTokens.has(id)).toBe(false);
  });
});
