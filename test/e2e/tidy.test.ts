/**
 * The token life-cycle commands as a shell runs them (spawned): the exit codes, streams and
 * what the server received. Their details are tested in-process (test/commands/).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { addToken, execArgs, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const DAY = 86_400;

function freshProject() {
  const server = ctx.server;
  const project = server.state.addProject(server.demo.organization.id, `e2e ${Math.random()}`);
  const add = (name: string, expiresInSeconds: number | null) =>
    addToken(server, { name, projectId: project.id, expiresInSeconds }).row;
  return { projectId: project.id, add };
}
const idsIn = (projectId: string) =>
  [...ctx.server.state.serviceTokens.values()]
    .filter((t) => t.projectId === projectId)
    .map((t) => t.id)
    .sort();

describe("tidying a project, spawned", () => {
  it("list --expired shows, and prune --expired --yes deletes, exactly the expired tokens", async () => {
    const { projectId, add } = freshProject();
    const expired = [add("old-1", -DAY), add("old-2", -60)];
    const valid = [add("valid", DAY), add("forever", null)];
    const env = await loggedInEnv(ctx.server);
    const list = await runCli(["service-token", "list", "--expired", "--projectId", projectId], {
      env,
    });
    expect(list.code, list.stderr).toBe(0);
    expect(
      list.stdout
        .trim()
        .split("\n")
        .map((line) => line.split("\t")[0])
        .sort(),
    ).toEqual(expired.map((t) => t.id).sort());
    const prune = await runCli(
      ["service-token", "prune", "--expired", "--yes", "--projectId", projectId],
      { env },
    );
    expect(prune.code, prune.stderr).toBe(0);
    expect(prune.stdout).toBe("");
    expect(idsIn(projectId)).toEqual(valid.map((t) => t.id).sort());
  });

  it("rotate --token-only prints only the new token, which works; the old one is gone", async () => {
    const { projectId, add } = freshProject();
    const old = add("ci", 7 * DAY);
    const env = await loggedInEnv(ctx.server);
    const r = await runCli(
      ["service-token", "rotate", old.id, "--token-only", "--projectId", projectId],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^st\.[0-9a-f-]{36}\.[0-9a-f]{32}\.[0-9a-f]{32}\n$/);
    expect(idsIn(projectId)).toEqual([r.stdout.split(".")[1]]);
    expect(r.stderr).not.toContain(r.stdout.trim().split(".")[2]);
  });

  it("exec: afterwards `service-token list` no longer shows the token", async () => {
    const { projectId } = freshProject();
    const env = await loggedInEnv(ctx.server);
    const exec = await runCli(execArgs(projectId, "--", "sh", "-c", 'test -n "$INFISICAL_TOKEN"'), {
      env,
    });
    expect(exec.code, exec.stderr).toBe(0);
    const list = await runCli(["service-token", "list", "--json", "--projectId", projectId], {
      env,
    });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it("status: exit 0 with a valid login, 4 once the server revoked it", async () => {
    const env = await loggedInEnv(ctx.server);
    const ok = await runCli(["status", "--json"], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([
      expect.objectContaining({ domain: ctx.server.url, valid: true }),
    ]);
    ctx.server.state.revokeSessions(ctx.server.demo.user.id);
    const refused = await runCli(["status"], { env });
    expect(refused.code).toBe(4);
    expect(refused.stdout).toMatch(/Server\s+refuses this login/);
  });
});
