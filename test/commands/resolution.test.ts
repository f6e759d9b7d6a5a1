import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { tempDir } from "../helpers/env.js";
import { runInProcess } from "../helpers/in-process.js";
import { createRequests, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const DEAD = "http://127.0.0.1:9";
const create = (...extra: string[]) => [
  "service-token",
  "create",
  "-s",
  "dev:/",
  "-a",
  "read",
  "--token-only",
  ...extra,
];

function projectDir(content: string | object): { root: string; nested: string } {
  const root = tempDir();
  writeFileSync(
    join(root, ".infisical.json"),
    typeof content === "string" ? content : JSON.stringify(content),
  );
  const nested = join(root, "a", "b", "c");
  mkdirSync(nested, { recursive: true });
  return { root, nested };
}

function sentWorkspaceIds(server: DevServer): string[] {
  return createRequests(server).map((r) => JSON.parse(r.body).workspaceId);
}

describe("project id", () => {
  it("comes from --projectId before INFISICAL_PROJECT_ID before .infisical.json, and --project-id is an alias", async () => {
    const other = ctx.server.state.addProject(ctx.server.demo.organization.id, "Other");
    const third = ctx.server.state.addProject(ctx.server.demo.organization.id, "Third");
    const env = await loggedInEnv(ctx.server);
    const { nested } = projectDir({ workspaceId: third.id });

    const flag = await runInProcess(create("--projectId", ctx.server.demo.project.id), {
      env: { ...env, INFISICAL_PROJECT_ID: other.id },
      cwd: nested,
    });
    const alias = await runInProcess(create("--project-id", ctx.server.demo.project.id), {
      env,
      cwd: nested,
    });
    const fromEnv = await runInProcess(create(), {
      env: { ...env, INFISICAL_PROJECT_ID: other.id },
      cwd: nested,
    });
    const fromFile = await runInProcess(create(), { env, cwd: nested });
    for (const r of [flag, alias, fromEnv, fromFile]) expect(r.code, r.stderr).toBe(0);
    expect(sentWorkspaceIds(ctx.server)).toEqual([
      ctx.server.demo.project.id,
      ctx.server.demo.project.id,
      other.id,
      third.id,
    ]);
  });

  it("without any source is a usage error naming the flag, the variable and the file; nothing is sent", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(create(), { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "error: no project id: pass --projectId, set INFISICAL_PROJECT_ID, or run from a directory with an .infisical.json",
    );
    expect(result.stdout).toBe("");
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("comes from the working directory and its parents only, never from a file in the user's config directory", async () => {
    // cosmiconfig's global search would also read ~/.config/infisical-ts-project/config.json
    // (and its macOS and Windows equivalents): a project id from a file nobody knows about.
    const configHome = tempDir();
    for (const name of ["config.json", ".infisical.json"]) {
      mkdirSync(join(configHome, "infisical-ts-project"), { recursive: true });
      writeFileSync(
        join(configHome, "infisical-ts-project", name),
        JSON.stringify({ workspaceId: ctx.server.demo.project.id }),
      );
    }
    const saved = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, HOME: process.env.HOME };
    process.env.XDG_CONFIG_HOME = configHome;
    process.env.HOME = configHome;
    try {
      const env = await loggedInEnv(ctx.server);
      const result = await runInProcess(create(), { env, cwd: tempDir() });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("error: no project id");
      expect(ctx.server.requests).toHaveLength(0);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it("reads an .infisical.json that starts with a byte-order mark (as PowerShell 5.1 writes it)", async () => {
    const env = await loggedInEnv(ctx.server);
    const { nested } = projectDir(
      `\uFEFF${JSON.stringify({ workspaceId: ctx.server.demo.project.id })}`,
    );
    const result = await runInProcess(create(), { env, cwd: nested });
    expect(result.code, result.stderr).toBe(0);
    expect(sentWorkspaceIds(ctx.server)).toEqual([ctx.server.demo.project.id]);
  });

  it("an .infisical.json that is not JSON, or has wrong types, is an error naming the file", async () => {
    const env = await loggedInEnv(ctx.server);
    const broken = projectDir("{ not json");
    const r1 = await runInProcess(create(), { env, cwd: broken.nested });
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(
      `error: ${join(broken.root, ".infisical.json")} is not a valid .infisical.json: it is not JSON`,
    );
    const typed = projectDir({ workspaceId: 42, gitBranchToEnvironmentMapping: "x" });
    const r2 = await runInProcess(create(), { env, cwd: typed.nested });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("workspaceId: Expected string, received number");
    expect(r2.stderr).toContain("gitBranchToEnvironmentMapping");
    const empty = projectDir({ defaultEnvironment: "dev" });
    const r3 = await runInProcess(create(), { env, cwd: empty.nested });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("has no workspaceId");
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("a broken .infisical.json is not read when flags and variables decide everything", async () => {
    const env = await loggedInEnv(ctx.server);
    const broken = projectDir("{ not json");
    const result = await runInProcess(create("--projectId", ctx.server.demo.project.id), {
      env,
      cwd: broken.nested,
    });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe("domain", () => {
  let second: DevServer;
  beforeAll(async () => {
    second = await startDevServer();
  });
  afterAll(async () => {
    await second.close();
  });

  it("follows --domain > INFISICAL_DOMAIN > INFISICAL_API_URL > .infisical.json > last login", async () => {
    const env = await loggedInEnv(ctx.server);
    const id = ctx.server.demo.project.id;
    const { nested } = projectDir({ workspaceId: id, domain: DEAD });
    const cases: Record<string, string | undefined>[] = [
      { flag: `${ctx.server.url}/api/`, INFISICAL_DOMAIN: DEAD, INFISICAL_API_URL: DEAD },
      { INFISICAL_DOMAIN: ctx.server.url, INFISICAL_API_URL: DEAD },
      { INFISICAL_DOMAIN: undefined, INFISICAL_API_URL: `${ctx.server.url}/api` },
    ];
    for (const c of cases) {
      const args = c.flag ? ["--domain", c.flag, ...create()] : create();
      const r = await runInProcess(args, {
        env: {
          ...env,
          INFISICAL_DOMAIN: c.INFISICAL_DOMAIN,
          INFISICAL_API_URL: c.INFISICAL_API_URL,
        },
        cwd: nested,
      });
      expect(r.code, r.stderr).toBe(0);
    }
    expect(createRequests(ctx.server)).toHaveLength(3);

    // The file's domain wins over the stored login, and says so.
    const good = projectDir({ workspaceId: id, domain: ctx.server.url });
    const fromFile = await runInProcess(
      create().filter((a) => a !== "--token-only"),
      { env: { ...env, INFISICAL_DOMAIN: undefined }, cwd: good.nested },
    );
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toContain(
      `using domain ${ctx.server.url} from ${join(good.root, ".infisical.json")}`,
    );

    // With nothing else, the most recent stored login decides.
    const fromLogin = await runInProcess(create("--projectId", id), {
      env: { ...env, INFISICAL_DOMAIN: undefined },
    });
    expect(fromLogin.code, fromLogin.stderr).toBe(0);
    expect(createRequests(ctx.server)).toHaveLength(5);
  });

  it("uses a stored login only for its own domain", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(
      create("--projectId", second.demo.project.id, "--domain", second.url),
      { env },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`error: you are not logged in to ${second.url}`);
    expect(second.requests).toHaveLength(0);
  });

  it("rejects a domain that is not an http(s) URL as a usage error", async () => {
    const env = await loggedInEnv(ctx.server);
    const result = await runInProcess(["--domain", "ftp://x", ...create("--projectId", "p")], {
      env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "invalid domain from --domain: it must start with https:// or http://",
    );
  });
});

describe("credentials", () => {
  const id = () => ctx.server.demo.project.id;

  it("prefers --token over INFISICAL_TOKEN over the stored login", async () => {
    const stored = ctx.server.issueToken();
    const fromEnv = ctx.server.issueToken();
    const fromFlag = ctx.server.issueToken();
    const env = await loggedInEnv(ctx.server, { token: stored });
    await runInProcess(create("--projectId", id(), "--token", fromFlag), {
      env: { ...env, INFISICAL_TOKEN: fromEnv },
    });
    await runInProcess(create("--projectId", id()), { env: { ...env, INFISICAL_TOKEN: fromEnv } });
    await runInProcess(create("--projectId", id()), { env });
    const sent = createRequests(ctx.server).map((r) => r.headers.authorization);
    expect(sent).toEqual([`Bearer ${fromFlag}`, `Bearer ${fromEnv}`, `Bearer ${stored}`]);
  });

  it("skips a service token in INFISICAL_TOKEN in favour of the stored login", async () => {
    const stored = ctx.server.issueToken();
    const env = await loggedInEnv(ctx.server, { token: stored });
    const result = await runInProcess(["--debug", ...create("--projectId", id())], {
      env: { ...env, INFISICAL_TOKEN: "st.abc.def" },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      "INFISICAL_TOKEN holds a service token (st.…); it cannot act as a user, so the stored login is used",
    );
    expect(createRequests(ctx.server)[0]?.headers.authorization).toBe(`Bearer ${stored}`);
  });

  it("explains why INFISICAL_TOKEN could not be used when there is no stored login", async () => {
    const result = await runInProcess(create("--projectId", id()), {
      env: { INFISICAL_DOMAIN: ctx.server.url, INFISICAL_TOKEN: "st.abc.def" },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      "error: INFISICAL_TOKEN holds a service token (st.…), which cannot create service tokens, and you are not logged in to",
    );
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("refuses the wrong kind of token, an expired session and a session without organization before any request", async () => {
    const env = { INFISICAL_DOMAIN: ctx.server.url };
    const cases: [string, string][] = [
      ["st.abc.def", "the token from --token is a service token (st.…), not a user login"],
      [
        ctx.server.issueToken({ authTokenType: "identityAccessToken" }),
        "is a machine-identity access token, not a user login",
      ],
      [ctx.server.issueToken({ expiresInSeconds: 10 }), "the session from --token has expired on"],
      [ctx.server.issueToken({ organizationId: null }), "has no organization selected"],
      ["not-a-token", "is not a JWT, not a user login"],
    ];
    for (const [token, message] of cases) {
      const result = await runInProcess(create("--projectId", id(), "--token", token), { env });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain("hint: run `infisical login`");
      expect(result.stderr).not.toContain(token.length > 12 ? token : "\u0000");
    }
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("an expired stored login says to log in again", async () => {
    const env = await loggedInEnv(ctx.server, {
      token: ctx.server.issueToken({ expiresInSeconds: 5 }),
    });
    const result = await runInProcess(create("--projectId", id()), { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      `error: the session from the stored login for ${ctx.server.url} has expired on`,
    );
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("a corrupt sessions.json is an error naming the file and the fix", async () => {
    const home = tempDir();
    mkdirSync(join(home, "config"), { recursive: true });
    writeFileSync(join(home, "config", "sessions.json"), "{oops");
    const result = await runInProcess(create("--projectId", id()), {
      env: {
        HOME: home,
        INFISICAL_CONFIG_DIR: join(home, "config"),
        INFISICAL_DOMAIN: ctx.server.url,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `the stored logins in ${join(home, "config", "sessions.json")} cannot be read: it is not valid JSON`,
    );
    expect(result.stderr).toContain("hint: remove the file");
  });
});
