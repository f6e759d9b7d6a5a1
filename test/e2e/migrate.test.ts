/** `service-token migrate` as a shell runs it: streams, exit codes, what the server ends with. */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { addToken, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();

describe("service-token migrate, spawned", () => {
  it("--json --delete-token: the identity's credentials on stdout only, the token gone, the identity able to read", async () => {
    const { row } = addToken(ctx.server, { name: "spawned", expiresInSeconds: 86_400 });
    const env = await loggedInEnv(ctx.server);
    const r = await runCli(["service-token", "migrate", row.id, "--json", "--delete-token"], {
      env: { ...env, INFISICAL_PROJECT_ID: ctx.server.demo.project.id },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { clientId: string; clientSecret: string };
    expect(ctx.server.state.serviceTokens.has(row.id)).toBe(false);
    const login = await fetch(`${ctx.server.url}/api/v1/auth/universal-auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ clientId: out.clientId, clientSecret: out.clientSecret }),
    });
    expect(login.status).toBe(200);
  });

  it("an unknown token id is a usage error (exit 2) before anything is made", async () => {
    const env = await loggedInEnv(ctx.server);
    const before = ctx.server.state.identities.identities.size;
    const r = await runCli(["service-token", "migrate", "00000000-0000-4000-8000-000000000000"], {
      env: { ...env, INFISICAL_PROJECT_ID: ctx.server.demo.project.id },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(ctx.server.state.identities.identities.size).toBe(before);
  });
});
