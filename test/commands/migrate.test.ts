import { describe, expect, it } from "vitest";
import { startDevServer } from "../../src/dev-server/server.js";
import { addToken, loggedInEnv, useDevServer } from "../helpers/dev-server.js";
import { runInProcess } from "../helpers/in-process.js";

const ctx = useDevServer();
const DAY = 86_400;
const noWait = { sleep: async () => {} };
/** A step the server refuses. */
const REFUSED = {
  kind: "respond",
  status: 400,
  body: { statusCode: 400, message: "Bad request", error: "BadRequest" },
} as const;
/** A read before the server applied the identity's privileges. */
const NOT_YET_ALLOWED = {
  kind: "respond",
  status: 403,
  body: {
    statusCode: 403,
    message: "You are not allowed to describeSecret on secrets",
    details: [],
    error: "PermissionDenied",
  },
} as const;

/** A project with folders dev:/app and dev:/app/sub holding a secret each, and a token. */
function projectWithToken(fields: Parameters<typeof addToken>[1] = {}) {
  const { state, demo } = ctx.server;
  const project = state.addProject(demo.organization.id, `migrate ${Math.random()}`);
  state.addFolder(project.id, "dev", "/", "app");
  state.addFolder(project.id, "dev", "/app", "sub");
  state.addSecret({
    projectId: project.id,
    environment: "dev",
    secretPath: "/",
    key: "ROOT",
    value: "r",
  });
  state.addSecret({
    projectId: project.id,
    environment: "dev",
    secretPath: "/app",
    key: "APP",
    value: "a",
  });
  state.addSecret({
    projectId: project.id,
    environment: "dev",
    secretPath: "/app/sub",
    key: "SUB",
    value: "s",
  });
  const { row, secret } = addToken(ctx.server, {
    name: "ci deploy",
    projectId: project.id,
    scopes: [
      { environment: "dev", secretPath: "/" },
      { environment: "dev", secretPath: "/app/**" },
    ],
    permissions: ["read", "write"],
    expiresInSeconds: 7 * DAY,
    ...fields,
  });
  return { projectId: project.id, row, token: `st.${row.id}.${secret}` };
}

const identities = () => [...ctx.server.state.identities.identities.values()];

async function readKeys(bearer: string, projectId: string, secretPath: string) {
  const query = new URLSearchParams({ workspaceId: projectId, environment: "dev", secretPath });
  const response = await fetch(`${ctx.server.url}/api/v3/secrets/raw?${query}`, {
    headers: { Authorization: `Bearer ${bearer}` },
  });
  const body = (await response.json()) as { secrets?: { secretKey: string }[] };
  return { status: response.status, keys: (body.secrets ?? []).map((s) => s.secretKey).sort() };
}

async function identityToken(clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${ctx.server.url}/api/v1/auth/universal-auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ clientId, clientSecret }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

describe("service-token migrate", () => {
  it("makes an identity with exactly the token's reach, proves it, and prints the client id and secret once", async () => {
    const { projectId, row, token } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const before = identities().length;
    const r = await runInProcess(
      ["service-token", "migrate", row.id.slice(0, 8), "--json", "--projectId", projectId],
      { env, ...noWait },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(identities()).toHaveLength(before + 1);
    const store = ctx.server.state.identities;
    const identity = store.identities.get(out.identity.id);
    expect(identity).toMatchObject({ name: "ci deploy", orgRole: "no-access" });
    expect(store.universalAuth.get(out.identity.id)).toMatchObject({
      clientId: out.clientId,
      accessTokenTTL: 3600,
      accessTokenNumUsesLimit: 0,
    });
    const [secret] = [...store.clientSecrets.values()].filter(
      (s) => s.identityId === out.identity.id,
    );
    // The client secret lives as long as the token had left.
    expect(Math.abs((secret?.ttl ?? 0) - 7 * DAY)).toBeLessThanOrEqual(2);
    expect(store.membership(projectId, out.identity.id)?.roles.map((x) => x.role)).toEqual([
      "no-access",
    ]);
    const privileges = store.privilegesOf(out.identity.id, projectId);
    expect(privileges.map((p) => p.slug)).toEqual(["ci-deploy-read", "ci-deploy-write"]);
    expect(privileges[0]?.permissions).toEqual(
      ["/", "/app/**"].flatMap((path) => [
        {
          subject: "secrets",
          action: ["describeSecret", "readValue"],
          conditions: { secretPath: { $glob: path }, environment: "dev" },
          inverted: false,
        },
        {
          subject: "secret-folders",
          action: ["read"],
          conditions: { secretPath: { $glob: path }, environment: "dev" },
          inverted: false,
        },
        {
          subject: "secret-imports",
          action: ["read"],
          conditions: { secretPath: { $glob: path }, environment: "dev" },
          inverted: false,
        },
      ]),
    );
    expect(out.verified).toEqual([
      { environment: "dev", secretPath: "/", secrets: 1 },
      { environment: "dev", secretPath: "/app", secrets: 1 },
    ]);
    expect(out.serviceToken).toEqual({ id: row.id, deleted: false });
    expect(ctx.server.state.serviceTokens.has(row.id)).toBe(true);

    // The identity reads what the token read, folder by folder.
    const bearer = await identityToken(out.clientId, out.clientSecret);
    for (const path of ["/", "/app", "/app/sub"]) {
      const [asIdentity, asToken] = [
        await readKeys(bearer, projectId, path),
        await readKeys(token, projectId, path),
      ];
      expect(asIdentity, path).toEqual(asToken);
      expect(asIdentity.keys, path).toHaveLength(1);
    }
  });

  it("for a person: the steps and what changes for the consumer on stderr, the client id and secret only on stdout", async () => {
    const { projectId, row } = projectWithToken({ expiresInSeconds: null });
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(["service-token", "migrate", row.id, "--projectId", projectId], {
      env,
      ...noWait,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=[0-9a-f-]{36}\nINFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=[0-9a-f]{64}\n$/,
    );
    const secret = /CLIENT_SECRET=(\w+)/.exec(r.stdout)?.[1] as string;
    expect(r.stderr).not.toContain(secret);
    expect(r.stderr).toContain('Created identity "ci deploy"');
    expect(r.stderr).toContain("Added privilege ci-deploy-write");
    expect(r.stderr).toContain(`INFISICAL_PROJECT_ID=${projectId}`);
    expect(r.stderr).toContain("dev:/app/**: --env dev --path /app --recursive");
    expect(r.stderr).toContain("infisical login --method universal-auth --client-id");
    // A token that never expires gets a client secret that never expires.
    const made = [...ctx.server.state.identities.clientSecrets.values()].at(-1);
    expect(made?.ttl).toBe(0);
  });

  it("waits while the server applies the privileges (a first read refused), then passes", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "GET",
      path: "/api/v3/secrets/raw",
      times: 1,
      fault: NOT_YET_ALLOWED,
    });
    const waits: number[] = [];
    const r = await runInProcess(
      ["service-token", "migrate", row.id, "--json", "--projectId", projectId],
      {
        env,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(waits).toContain(2000);
    expect(ctx.server.requests.filter((q) => q.url.startsWith("/api/v3/secrets/raw"))).toHaveLength(
      3,
    );
  });

  it("--delete-token deletes the service token, only after the identity's read check passed", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      ["service-token", "migrate", row.id, "--delete-token", "--json", "--projectId", projectId],
      { env, ...noWait },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).serviceToken).toEqual({ id: row.id, deleted: true });
    expect(ctx.server.state.serviceTokens.has(row.id)).toBe(false);
    const order = ctx.server.requests.map((q) => `${q.method} ${q.url.split("?")[0]}`);
    expect(order.indexOf(`DELETE /api/v2/service-token/${row.id}`)).toBeGreaterThan(
      order.lastIndexOf("GET /api/v3/secrets/raw"),
    );
  });

  it("a step that fails deletes the identity it made and leaves the token alone", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const before = identities().length;
    ctx.server.faults.add({
      method: "POST",
      path: "/api/v2/identity-project-additional-privilege",
      fault: REFUSED,
    });
    const r = await runInProcess(
      ["service-token", "migrate", row.id, "--delete-token", "--projectId", projectId],
      { env, ...noWait },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error: migration failed");
    expect(r.stderr).toContain("the identity it had made was deleted");
    expect(identities()).toHaveLength(before);
    expect(ctx.server.state.serviceTokens.has(row.id)).toBe(true);
    expect(
      ctx.server.requests.some((q) => q.method === "DELETE" && q.url.includes("service-token")),
    ).toBe(false);
  });

  it("if that clean-up fails too, says exactly what exists and how to remove it", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    ctx.server.faults.add({
      method: "POST",
      path: "/api/v2/identity-project-additional-privilege",
      fault: REFUSED,
    });
    ctx.server.faults.add({
      method: "DELETE",
      path: /^\/api\/v1\/identities\//,
      fault: {
        kind: "respond",
        status: 403,
        body: {
          statusCode: 403,
          message: "You are not allowed to delete on identity",
          details: [],
          error: "PermissionDenied",
        },
      },
    });
    const r = await runInProcess(["service-token", "migrate", row.id, "--projectId", projectId], {
      env,
      ...noWait,
    });
    expect(r.code).toBe(1);
    const left = identities().at(-1);
    expect(r.stderr).toContain("the identity it made could not be deleted");
    expect(r.stderr).toContain(`left behind: identity ${left?.id}`);
    expect(r.stderr).toContain(`infisical identity delete ${left?.id}`);
    expect(r.stderr).toContain("the service token was not changed");
  });

  it("--dry-run shows every request and sends none but the token list", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      [
        "service-token",
        "migrate",
        row.id,
        "--dry-run",
        "--json",
        "--delete-token",
        "--projectId",
        projectId,
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(ctx.server.requests.map((q) => q.method)).toEqual(["GET"]);
    const plan = JSON.parse(r.stdout) as {
      requests: { what: string; method: string; url: string; headers: Record<string, string> }[];
    };
    expect(plan.requests.map((q) => q.what)).toEqual([
      "create the identity",
      "attach Universal Auth",
      "create a client secret",
      "add the identity to the project",
      "add privilege ci-deploy-read",
      "add privilege ci-deploy-write",
      "log in as the identity",
      "read dev:/ as the identity",
      "read dev:/app/** as the identity",
      `delete the service token ${row.id}`,
    ]);
    const login = plan.requests[6];
    expect(login?.headers.Authorization).toBeUndefined();
    expect(plan.requests[7]?.headers.Authorization).toBe("Bearer <the identity's access token>");
  });
});

describe("infisical identity", () => {
  it("lists, views (projects, roles, privileges) and deletes the organization's identities", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const migrated = JSON.parse(
      (
        await runInProcess(
          [
            "service-token",
            "migrate",
            row.id,
            "--json",
            "--name",
            "made for listing",
            "--projectId",
            projectId,
          ],
          { env, ...noWait },
        )
      ).stdout,
    );
    const id = migrated.identity.id as string;
    const list = await runInProcess(["identity", "list", "--json"], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toContainEqual(
      expect.objectContaining({
        id,
        name: "made for listing",
        organizationRole: "no-access",
        authMethods: ["universal-auth"],
      }),
    );
    const view = await runInProcess(["identity", "view", id, "--json"], { env });
    expect(view.code, view.stderr).toBe(0);
    expect(JSON.parse(view.stdout).projects).toEqual([
      expect.objectContaining({
        projectId,
        roles: ["no-access"],
        privileges: ["ci-deploy-read", "ci-deploy-write"],
      }),
    ]);
    const human = await runInProcess(["identity", "view", id], { env, terminal: { columns: 80 } });
    expect(human.stdout).toMatch(/Auth methods\s+universal-auth/);
    const refused = await runInProcess(["identity", "delete", id], { env });
    expect(refused.code).toBe(2);
    const deleted = await runInProcess(["identity", "delete", id, "--yes"], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toContain(`Deleted ${id} ("made for listing")`);
    expect(ctx.server.state.identities.identities.has(id)).toBe(false);
    const gone = await runInProcess(["identity", "view", id], { env });
    expect(gone.code).toBe(1);
  });
});

describe("service-token migrate, done as the issue asks", () => {
  it("a token scoped dev:/app read: the identity reads dev:/app and nothing else", async () => {
    const { projectId, row, token } = projectWithToken({
      scopes: [{ environment: "dev", secretPath: "/app" }],
      permissions: ["read"],
    });
    const env = await loggedInEnv(ctx.server);
    const r = await runInProcess(
      ["service-token", "migrate", row.id, "--json", "--projectId", projectId],
      {
        env,
        ...noWait,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const { clientId, clientSecret } = JSON.parse(r.stdout);
    const bearer = await identityToken(clientId, clientSecret);
    expect(await readKeys(bearer, projectId, "/app")).toEqual({ status: 200, keys: ["APP"] });
    expect(await readKeys(bearer, projectId, "/")).toEqual({ status: 200, keys: [] });
    expect(await readKeys(bearer, projectId, "/app/sub")).toEqual({ status: 200, keys: [] });
    // The single-scope token answered every query with its folder; the identity, as written.
    expect(await readKeys(token, projectId, "/")).toEqual({ status: 200, keys: ["APP"] });
  });

  const steps: [string, string | RegExp][] = [
    ["attach Universal Auth", /^\/api\/v1\/auth\/universal-auth\/identities\/[^/]+$/],
    ["create a client secret", /\/client-secrets$/],
    ["add to the project", /\/memberships\/identities\//],
    ["add a privilege", "/api/v2/identity-project-additional-privilege"],
    ["log in as the identity", "/api/v1/auth/universal-auth/login"],
  ];
  it.each(steps)("a failure when it tries to %s leaves no identity behind", async (_step, path) => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const before = identities().length;
    ctx.server.faults.add({
      method: "POST",
      path,
      fault: REFUSED,
    });
    const r = await runInProcess(["service-token", "migrate", row.id, "--projectId", projectId], {
      env,
      ...noWait,
    });
    expect(r.code).toBe(1);
    expect(identities()).toHaveLength(before);
    expect(ctx.server.state.serviceTokens.has(row.id)).toBe(true);
  });

  it("a read check refused for good (never applied) also leaves nothing behind", async () => {
    const { projectId, row } = projectWithToken();
    const env = await loggedInEnv(ctx.server);
    const before = identities().length;
    ctx.server.faults.add({
      method: "GET",
      path: "/api/v3/secrets/raw",
      fault: NOT_YET_ALLOWED,
    });
    const r = await runInProcess(["service-token", "migrate", row.id, "--projectId", projectId], {
      env,
      ...noWait,
    });
    expect(r.code).toBe(1);
    expect(identities()).toHaveLength(before);
  });

  it("works against a server that applies privileges 10 s late", async () => {
    let now = Date.now();
    const slow = await startDevServer({ now: () => new Date(now), privilegeDelaySeconds: 10 });
    try {
      const { row } = addToken(slow, { name: "slow", expiresInSeconds: 86_400 });
      const env = await loggedInEnv(slow);
      const waits: number[] = [];
      const r = await runInProcess(
        ["service-token", "migrate", row.id, "--json", "--projectId", slow.demo.project.id],
        {
          env,
          // The client's waits pass the server's time.
          sleep: async (ms) => {
            waits.push(ms);
            now += ms;
          },
        },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
      expect(JSON.parse(r.stdout).verified).toEqual([
        { environment: "dev", secretPath: "/", secrets: expect.any(Number) },
      ]);
    } finally {
      await slow.close();
    }
  });
});
