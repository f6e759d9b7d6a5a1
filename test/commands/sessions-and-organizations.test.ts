import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process.js";
import { addToken, createArgs, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const project = () => ctx.server.demo.project.id;
const REVOKED = "no longer accepts this login: its session was revoked";

describe("a revoked login (signed out everywhere, or by an administrator)", () => {
  it("is an authentication error with a re-login hint on create, list, delete, init and whoami", async () => {
    const env = await loggedInEnv(ctx.server);
    const id = (await runInProcess(createArgs(project(), "--token-only"), { env })).stdout.split(
      ".",
    )[1] as string;
    ctx.server.state.revokeSessions(ctx.server.demo.user.id);
    for (const args of [
      createArgs(project()),
      ["service-token", "list", "--projectId", project()],
      ["service-token", "delete", "--yes", id],
      ["init", "--project-id", project()],
      ["whoami"],
    ]) {
      const r = await runInProcess(args, { env });
      expect(r.code, args.join(" ")).toBe(4);
      expect(r.stderr).toContain(`error: ${ctx.server.url} ${REVOKED}`);
      expect(r.stderr).toContain(
        `hint: log in again with \`infisical login --domain ${ctx.server.url}\``,
      );
    }
    // Service tokens are not sessions: the token still works.
    expect(ctx.server.state.serviceTokens.has(id)).toBe(true);
  });

  it("given with --token or INFISICAL_TOKEN is reported the same way", async () => {
    const token = ctx.server.issueToken();
    ctx.server.state.revokeSessions(ctx.server.demo.user.id);
    const env = { INFISICAL_DOMAIN: ctx.server.url };
    const flag = await runInProcess(createArgs(project(), "--token", token), { env });
    const variable = await runInProcess(createArgs(project()), {
      env: { ...env, INFISICAL_TOKEN: token },
    });
    for (const r of [flag, variable]) {
      expect(r.code).toBe(4);
      expect(r.stderr).toContain(REVOKED);
    }
  });

  it("a 404 for a missing project or token stays what it is", async () => {
    const env = await loggedInEnv(ctx.server);
    const missing = await runInProcess(createArgs("00000000-0000-4000-8000-000000000000"), { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'error: project "00000000-0000-4000-8000-000000000000" was not found',
    );
  });
});

describe("whoami asks the server", () => {
  it("0 for a valid login, 4 once it is revoked; --offline answers from this machine alone", async () => {
    const env = await loggedInEnv(ctx.server);
    const valid = await runInProcess(["whoami", "--json"], { env });
    expect(valid.code, valid.stderr).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ checkedWithServer: true });
    expect(ctx.server.requests.map((r) => r.url)).toEqual(["/api/v1/auth/checkAuth"]);

    ctx.server.state.revokeSessions(ctx.server.demo.user.id);
    ctx.server.requests.length = 0;
    const revoked = await runInProcess(["whoami"], { env });
    expect(revoked.code).toBe(4);
    expect(revoked.stderr).toContain(REVOKED);

    const offline = await runInProcess(["whoami", "--offline"], { env });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain("not checked with the server");
    expect(ctx.server.requests).toHaveLength(1); // only the online whoami's
  });

  it("--offline needs no network at all", async () => {
    const env = await loggedInEnv(ctx.server, { domain: "http://127.0.0.1:9" });
    const offline = await runInProcess(["whoami", "--offline"], {
      env: { ...env, INFISICAL_DOMAIN: "http://127.0.0.1:9" },
    });
    expect(offline.code, offline.stderr).toBe(0);
    const online = await runInProcess(["whoami"], {
      env: { ...env, INFISICAL_DOMAIN: "http://127.0.0.1:9" },
      sleep: async () => undefined,
    });
    expect(online.code).toBe(1);
    expect(online.stderr).toContain("could not reach http://127.0.0.1:9");
  });
});

describe("logout", () => {
  it("says that it forgets the login on this machine only", async () => {
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(["logout"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ Logged out of ${ctx.server.url}`);
    expect(r.stderr).toContain("on the server the session stays valid until");
    expect(r.stderr).toContain("`infisical logout --everywhere` ends it");
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("--everywhere revokes every session on the server, after a confirmation", async () => {
    const env = await loggedInEnv(ctx.server);
    const other = ctx.server.issueToken(); // another device's login of the same user
    const unconfirmed = await runInProcess(["logout", "--everywhere"], { env });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("pass --yes");
    const declined = await runInProcess(["logout", "--everywhere"], {
      env,
      terminal: { columns: 80 },
      answers: [{ confirm: false }],
    });
    expect(declined.code).toBe(2);
    expect(declined.stderr).toBe("cancelled: nothing was changed\n");
    expect(ctx.server.requests).toHaveLength(0);

    const r = await runInProcess(["logout", "--everywhere", "--yes", "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ loggedOut: [ctx.server.url], revokedEverywhere: true });
    expect(ctx.server.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      "DELETE /api/v2/users/me/sessions",
    ]);
    const elsewhere = await runInProcess(createArgs(project(), "--token", other), {
      env: { INFISICAL_DOMAIN: ctx.server.url },
    });
    expect(elsewhere.code).toBe(4);
    expect(elsewhere.stderr).toContain(REVOKED);
    expect((await runInProcess(["whoami"], { env })).code).toBe(4);
  });

  it("--everywhere with a login revoked already still forgets it here", async () => {
    const env = await loggedInEnv(ctx.server);
    ctx.server.state.revokeSessions(ctx.server.demo.user.id);
    const r = await runInProcess(["logout", "--everywhere", "--yes"], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("had already been revoked");
    expect(r.stderr).toContain(`✓ Logged out of ${ctx.server.url}`);
  });
});

describe("a project of another of the user's organizations", () => {
  it("create, list and delete say so, name the organizations and how to log in to it", async () => {
    const env = await loggedInEnv(ctx.server);
    const other = ctx.server.state.addOrganization("Other Org", [ctx.server.demo.user.id]);
    const foreign = ctx.server.state.addProject(other.id, "Elsewhere");
    const { row } = addToken(ctx.server, { name: "theirs", projectId: foreign.id });
    const hint = `hint: log in to Other Org: \`infisical login --domain ${ctx.server.url} --organization-id ${other.id}\``;
    for (const args of [
      createArgs(foreign.id),
      ["service-token", "list", "--projectId", foreign.id],
    ]) {
      const r = await runInProcess(args, { env });
      expect(r.code, args.join(" ")).toBe(4);
      expect(r.stderr).toContain(
        "error: this project belongs to another of your organizations, not the one this login is for",
      );
      expect(r.stderr).toContain(`${ctx.server.demo.organization.id}  Demo Org  (this login)`);
      expect(r.stderr).toContain(`${other.id}  Other Org`);
      expect(r.stderr).toContain(hint);
      expect(r.stderr).not.toContain("ask an admin");
    }
    const del = await runInProcess(["service-token", "delete", "--yes", row.id], { env });
    expect(del.code).toBe(1);
    expect(del.stderr).toContain("This project does not belong to your selected organization.");
    expect(del.stderr).toContain("`infisical login --organization-id <id>`");
    expect(ctx.server.state.serviceTokens.has(row.id)).toBe(true);
  });
});
