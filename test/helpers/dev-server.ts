import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { SessionStore } from "../../src/auth/session-store.js";
import {
  startDevServer,
  type DevServer,
  type DevServerOptions,
} from "../../src/dev-server/server.js";
import { baseEnv, tempDir } from "./env.js";

/**
 * One dev server for the test file (or describe block); faults and recorded requests are reset
 * before each test. `organizations`: more organizations the demo user belongs to.
 */
export function useDevServer(options: DevServerOptions & { organizations?: string[] } = {}): {
  readonly server: DevServer;
} {
  const holder = {} as { server: DevServer };
  beforeAll(async () => {
    const { organizations = [], ...serverOptions } = options;
    holder.server = await startDevServer(serverOptions);
    for (const name of organizations)
      holder.server.state.addOrganization(name, [holder.server.demo.user.id]);
  });
  afterAll(async () => {
    await holder.server?.close();
  });
  beforeEach(() => {
    holder.server.faults.clear();
    holder.server.requests.length = 0;
  });
  return holder;
}

/** An isolated HOME and config dir with a stored login for `server` (unless told otherwise). */
export async function loggedInEnv(
  server: DevServer,
  options: { token?: string; domain?: string; expiresAt?: Date } = {},
): Promise<Record<string, string>> {
  const env = baseEnv(tempDir());
  const token = options.token ?? server.issueToken();
  const store = new SessionStore(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"));
  await store.put({
    domain: options.domain ?? server.url,
    email: server.demo.user.email,
    organizationId: server.demo.organization.id,
    token,
    expiresAt: (options.expiresAt ?? new Date(Date.now() + 86_400_000)).toISOString(),
    createdAt: new Date().toISOString(),
  });
  return { ...env, INFISICAL_DOMAIN: server.url };
}

export function createRequests(server: DevServer) {
  return server.requests.filter(
    (r) => r.method === "POST" && r.url.startsWith("/api/v2/service-token"),
  );
}

/** The arguments of a `service-token create` for dev:/ with read access, then `extra`. */
export function createArgs(projectId: string, ...extra: string[]): string[] {
  return tokenArgs("create", projectId, ...extra);
}

/** The same for `service-token exec` (`extra` ends with -- and the command). */
export function execArgs(projectId: string, ...extra: string[]): string[] {
  return tokenArgs("exec", projectId, ...extra);
}

function tokenArgs(command: string, projectId: string, ...extra: string[]): string[] {
  return [
    "service-token",
    command,
    "-s",
    "dev:/",
    "-a",
    "read",
    "--projectId",
    projectId,
    ...extra,
  ];
}

/** The same, printing the token alone. */
export function tokenOnlyCreateArgs(projectId: string): string[] {
  return createArgs(projectId, "--token-only");
}

/** A service token made directly in the server's state (fields not given: a dev:/ read token). */
export function addToken(
  server: DevServer,
  fields: Partial<Parameters<DevServer["state"]["addServiceToken"]>[0]> = {},
) {
  return server.state.addServiceToken({
    name: "t",
    projectId: server.demo.project.id,
    scopes: [{ environment: "dev", secretPath: "/" }],
    permissions: ["read"],
    expiresInSeconds: null,
    createdBy: server.demo.user.id,
    encryptedKey: "",
    iv: "",
    tag: "",
    ...fields,
  });
}
