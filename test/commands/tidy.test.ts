import { describe, expect, it } from "vitest";
import { addToken, loggedInEnv, useDevServer } from "../helpers/dev-server.js";
import { runInProcess } from "../helpers/in-process.js";

const ctx = useDevServer();
const DAY = 86_400;

/** A project of its own with a known set of tokens: ids by name. */
function projectWithTokens() {
  const server = ctx.server;
  const project = server.state.addProject(server.demo.organization.id, `tidy ${Math.random()}`);
  const add = (name: string, fields: Parameters<typeof addToken>[1] = {}) =>
    addToken(server, { name, projectId: project.id, ...fields }).row;
  const rows = {
    expired: add("ci-old", { expiresInSeconds: -DAY }),
    expiredLongAgo: add("deploy-old", { expiresInSeconds: -30 * DAY }),
    soon: add("ci-soon", { expiresInSeconds: 2 * DAY }),
    later: add("ci-later", { expiresInSeconds: 60 * DAY }),
    forever: add("forever", {
      expiresInSeconds: null,
      scopes: [{ environment: "prod", secretPath: "/**" }],
    }),
    usedForever: add("used-forever", { expiresInSeconds: null }),
  };
  rows.usedForever.lastUsed = new Date(Date.now() - 2 * DAY * 1000).toISOString();
  // Made long ago and never used since.
  rows.forever.createdAt = new Date(Date.now() - 100 * DAY * 1000).toISOString();
  return { projectId: project.id, rows };
}

async function listNames(projectId: string, ...filters: string[]) {
  const env = await loggedInEnv(ctx.server);
  const r = await runInProcess(
    ["service-token", "list", "--projectId", projectId, "--json", ...filters],
    { env },
  );
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { name: string }[]).map((t) => t.name).sort();
}

describe("service-token list filters", () => {
  it("each filter selects what it says, and given together they all must hold", async () => {
    const { projectId } = projectWithTokens();
    expect(await listNames(projectId, "--expired")).toEqual(["ci-old", "deploy-old"]);
    expect(await listNames(projectId, "--expires-within", "7d")).toEqual(["ci-soon"]);
    expect(await listNames(projectId, "--never-expires")).toEqual(["forever", "used-forever"]);
    // Never used counts from creation: only "forever" was made over 30 days ago.
    expect(await listNames(projectId, "--unused-for", "30d")).toEqual(["forever"]);
    expect(await listNames(projectId, "--unused-for", "1d")).toEqual(["forever", "used-forever"]);
    expect(await listNames(projectId, "--name", "ci-*")).toEqual(["ci-later", "ci-old", "ci-soon"]);
    expect(await listNames(projectId, "--name", "ci-????")).toEqual(["ci-soon"]);
    // prod:/** reaches every prod folder; dev:/ is the root folder only.
    expect(await listNames(projectId, "--scope", "prod:/api/v1")).toEqual(["forever"]);
    expect(await listNames(projectId, "--scope", "dev:/api")).toEqual([]);
    expect(await listNames(projectId, "--scope", "dev:/")).toHaveLength(5);
    expect(await listNames(projectId, "--expired", "--name", "ci-*")).toEqual(["ci-old"]);
  });

  it("a person sees how many of how many match; piped output has the same rows, no notice on stdout", async () => {
    const { projectId } = projectWithTokens();
    const env = await loggedInEnv(ctx.server);
    const table = await runInProcess(
      ["service-token", "list", "--projectId", projectId, "--expired"],
      { env, terminal: { columns: 100 } },
    );
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toContain("2 of 6 service tokens match expired");
    expect(table.stdout).toContain("ci-old");
    expect(table.stdout).not.toContain("ci-soon");
    const piped = await runInProcess(
      ["service-token", "list", "--projectId", projectId, "--expired", "--name", "deploy-*"],
      { env },
    );
    expect(piped.stdout.trim().split("\n")).toHaveLength(1);
    expect(piped.stdout).toMatch(/^[0-9a-f-]{36}\tdeploy-old\t/);
    const none = await runInProcess(
      ["service-token", "list", "--projectId", projectId, "--name", "nothing*"],
      { env },
    );
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("none of the 6 service tokens in project");
  });

  it("bad filter values are usage errors before any request", async () => {
    const env = await loggedInEnv(ctx.server);
    const cases: [string[], string][] = [
      [["--expires-within", "soon"], 'invalid --expires-within "soon": not a duration'],
      [["--unused-for", "never"], 'invalid --unused-for "never": give a duration'],
      [["--expired", "--never-expires"], "--expired and --never-expires together select nothing"],
      [["--scope", "dev"], 'invalid --scope "dev"'],
    ];
    for (const [filters, message] of cases) {
      ctx.server.requests.length = 0;
      const r = await runInProcess(["service-token", "list", ...filters], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(ctx.server.requests).toEqual([]);
    }
  });
});

describe("service-token prune", () => {
  const remaining = (projectId: string) =>
    [...ctx.server.state.serviceTokens.values()]
      .filter((t) => t.projectId === projectId)
      .map((t) => t.name)
      .sort();

  it("--expired --yes deletes exactly the expired tokens and reports each", async () => {
    const { projectId, rows } = projectWithTokens();
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      ["service-token", "prune", "--expired", "--yes", "--projectId", projectId],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    // Piped: one line per token, then each deletion.
    expect(r.stderr).toMatch(/"ci-old" {2}dev:\/ {2}expired 1 day ago, never used/);
    expect(r.stderr).toContain(`Deleted ${rows.expired.id} ("ci-old")`);
    expect(r.stderr).toContain(`Deleted ${rows.expiredLongAgo.id} ("deploy-old")`);
    expect(remaining(projectId)).toEqual(["ci-later", "ci-soon", "forever", "used-forever"]);
    const deletes = ctx.server.requests.filter((q) => q.method === "DELETE");
    expect(deletes.map((q) => q.url).sort()).toEqual(
      [rows.expired.id, rows.expiredLongAgo.id].map((id) => `/api/v2/service-token/${id}`).sort(),
    );
  });

  it("shows what it will delete and asks in a terminal; no deletes it", async () => {
    const { projectId } = projectWithTokens();
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      ["service-token", "prune", "--name", "ci-*", "--projectId", projectId],
      {
        env,
        terminal: { columns: 100 },
        answers: [{ confirm: false }],
      },
    );
    expect(r.code).toBe(2);
    expect(r.questions).toEqual([
      "Delete these 3 tokens? Anything using them stops working at once.",
    ]);
    expect(r.stderr).toContain("3 of 6 service tokens match name ci-*:");
    // At a terminal, the table `list` shows: the three rows and nothing else.
    expect(r.stderr).toMatch(/^ID\s+NAME\s+/m);
    for (const name of ["ci-old", "ci-soon", "ci-later"]) expect(r.stderr).toContain(name);
    expect(r.stderr).not.toContain("forever");
    expect(r.stderr).toContain("cancelled: nothing was deleted");
    expect(remaining(projectId)).toHaveLength(6);
  });

  it("--dry-run lists only (as JSON with --json); no filter, or no terminal without --yes, is refused", async () => {
    const { projectId } = projectWithTokens();
    const env = await loggedInEnv(ctx.server);
    const dry = await runInProcess(
      [
        "service-token",
        "prune",
        "--never-expires",
        "--dry-run",
        "--json",
        "--projectId",
        projectId,
      ],
      { env },
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(
      JSON.parse(dry.stdout)
        .map((t: { name: string }) => t.name)
        .sort(),
    ).toEqual(["forever", "used-forever"]);
    expect(dry.stderr).toContain(
      "dry run: 2 of 6 service tokens match never expiring; nothing was deleted",
    );
    expect(remaining(projectId)).toHaveLength(6);

    const noFilter = await runInProcess(
      ["service-token", "prune", "--yes", "--projectId", projectId],
      {
        env,
      },
    );
    expect(noFilter.code).toBe(2);
    expect(noFilter.stderr).toContain("prune needs at least one filter");
    const noYes = await runInProcess(
      ["service-token", "prune", "--expired", "--projectId", projectId],
      {
        env,
      },
    );
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain("hint: pass --yes to delete without a prompt");
    expect(remaining(projectId)).toHaveLength(6);
  });

  it("--json reports each deletion; a failed one makes exit 1 after trying the rest", async () => {
    const { projectId, rows } = projectWithTokens();
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "DELETE",
      path: `/api/v2/service-token/${rows.expired.id}`,
      fault: {
        kind: "respond",
        status: 500,
        body: { statusCode: 500, message: "Something went wrong", error: "InternalServerError" },
      },
    });
    const r = await runInProcess(
      ["service-token", "prune", "--expired", "--yes", "--json", "--projectId", projectId],
      { env, sleep: async () => {} },
    );
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { id: string; deleted: boolean }[];
    expect(results.find((x) => x.id === rows.expiredLongAgo.id)?.deleted).toBe(true);
    expect(results.find((x) => x.id === rows.expired.id)?.deleted).toBe(false);
    expect(r.stderr).toContain("1 of 2 tokens could not be deleted");
  });
});
