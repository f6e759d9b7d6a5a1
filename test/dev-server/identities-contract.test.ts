/**
 * Replays the machine identity recordings (200–273, shared/real-server/IDENTITIES.md) against
 * one dev server, in order, with the server's clock at each recording's time (its permission
 * cache depends on it), and compares status, error texts and body shapes. The recorder's set-up
 * (a project with folders and secrets, a service token, identity B's Universal Auth and logins)
 * was not recorded and is made here the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { allRecordings, type Recording } from "../helpers/recordings.js";
import { expectLikeRecorded } from "../helpers/shapes.js";

const RECORDED_ORG = "ee8798ba-9157-4f71-b071-dc6cf7b45229";
const RECORDED_PROJECT = "e393ad27-75cd-4510-8f0a-20914f21e81b";
/** Identity B's Universal Auth, made outside the recordings (seen in 264 and 265). */
const RECORDED_B_CLIENT_ID = "14c1c23b-e361-458c-8523-aa55c42ccd73";
const RECORDED_B_SECRET = "250ba894681dacbd71d124950da815d0bf0c8c7adea14160b2750ac259a4f786";
const RECORDED_B_SECRET_ID = "fa864d0d-935a-43ca-bd2a-b2bb7d403d07";
const RECORDED_B_ID = "6826db85-bebd-46f3-92b3-f21bcfdee4c5";

let server: DevServer;
let clock = new Date();
/** Recorded value (ids, client ids and secrets) -> ours. */
const ids = new Map<string, string>();
/** A recorded identity token (its last 12 characters) -> ours. */
const tokens = new Map<string, string>();
let serviceToken = "";
let userToken = "";
let identityB: { clientId: string; clientSecret: string } | undefined;

const recordings = allRecordings(/^2\d\d-/);

async function call(method: string, path: string, body?: string, bearer?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

const json = (value: unknown) => value as Record<string, Record<string, string>>;

/** The recorder's project: folders dev:/app, dev:/app/sub, prod:/app and five secrets. */
function setUpProject(): void {
  const { state, demo } = server;
  const project = state.addProject(demo.organization.id, "record-identity");
  ids.set(RECORDED_PROJECT, project.id);
  ids.set(RECORDED_ORG, demo.organization.id);
  state.addFolder(project.id, "dev", "/", "app");
  state.addFolder(project.id, "dev", "/app", "sub");
  state.addFolder(project.id, "prod", "/", "app");
  for (const [environment, secretPath, key] of [
    ["dev", "/", "DEV_ROOT"],
    ["dev", "/app", "DEV_APP"],
    ["dev", "/app/sub", "DEV_APP_SUB"],
    ["prod", "/", "PROD_ROOT"],
    ["prod", "/app", "PROD_APP"],
  ] as const) {
    state.addSecret({
      projectId: project.id,
      environment,
      secretPath,
      key,
      value: `v-${key.toLowerCase()}`,
    });
  }
  const { row, secret } = state.addServiceToken({
    name: "record-identity-compare",
    projectId: project.id,
    scopes: [{ environment: "dev", secretPath: "/app" }],
    permissions: ["read"],
    expiresInSeconds: null,
    createdBy: demo.user.id,
    encryptedKey: "",
    iv: "",
    tag: "",
  });
  serviceToken = `st.${row.id}.${secret}`;
  userToken = server.issueToken();
}

/** Identity B's Universal Auth and client secret, as the recorder made them after 213. */
async function setUpIdentityB(): Promise<void> {
  const b = ids.get(RECORDED_B_ID) as string;
  const ua = await call(
    "POST",
    `/api/v1/auth/universal-auth/identities/${b}`,
    JSON.stringify({ accessTokenTTL: 3600, accessTokenMaxTTL: 7200, accessTokenNumUsesLimit: 0 }),
    userToken,
  );
  const secret = await call(
    "POST",
    `/api/v1/auth/universal-auth/identities/${b}/client-secrets`,
    JSON.stringify({ description: "scoped", numUsesLimit: 0, ttl: 0 }),
    userToken,
  );
  identityB = {
    clientId: json(ua.body).identityUniversalAuth?.clientId as string,
    clientSecret: (secret.body as { clientSecret: string }).clientSecret,
  };
  ids.set(RECORDED_B_CLIENT_ID, identityB.clientId);
  ids.set(RECORDED_B_SECRET, identityB.clientSecret);
  ids.set(RECORDED_B_SECRET_ID, json(secret.body).clientSecretData?.id as string);
}

/** A login of identity B with its client secret (the recorder's unrecorded logins). */
async function loginB(): Promise<string> {
  const login = await call("POST", "/api/v1/auth/universal-auth/login", JSON.stringify(identityB));
  return (login.body as { accessToken: string }).accessToken;
}

async function bearerFor(rec: Recording): Promise<string | undefined> {
  const header = rec.request.headers.find((h) => h.name.toLowerCase() === "authorization")?.value;
  if (!header) return undefined;
  if (header.startsWith("Bearer st.")) return serviceToken;
  const length = Number(/\(len=(\d+)\)/.exec(header)?.[1]);
  // User logins are about 440 characters, identity access tokens about 960.
  if (length < 700) return userToken;
  const suffix = header.slice(-12);
  const known = tokens.get(suffix);
  if (known) return known;
  const ours = await loginB();
  tokens.set(suffix, ours);
  return ours;
}

function mapIds(text: string): string {
  let mapped = text;
  for (const [recorded, ours] of ids) mapped = mapped.replaceAll(recorded, ours);
  return mapped;
}

function bodyFor(rec: Recording): string | undefined {
  if (rec.request.body_raw === null) return undefined;
  let body = mapIds(rec.request.body_raw);
  // 247: identity A's secret with its last four characters changed.
  if (rec.name.includes("wrong-secret")) {
    const secret = ids.get("A-secret") as string;
    body = body.replace(
      /"clientSecret":"[0-9a-f]+"/,
      `"clientSecret":"${secret.slice(0, -4)}0000"`,
    );
  }
  // 261: the access token to revoke, whole in the body.
  const token = /"accessToken":"([^"]+)"/.exec(body)?.[1];
  if (token && tokens.has(token.slice(-12)))
    body = body.replace(token, tokens.get(token.slice(-12)) as string);
  return body;
}

/** What the recorded answer tells about ids, client ids, secrets and tokens: ours from now on. */
function learn(recorded: unknown, ours: unknown): void {
  if (typeof recorded === "string" && typeof ours === "string") {
    if (recorded.startsWith("eyJ")) tokens.set(recorded.slice(-12), ours);
    else if (recorded !== ours && /^[0-9a-f-]{32,}$/.test(recorded)) ids.set(recorded, ours);
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(ours)) {
    recorded.forEach((item, i) => learn(item, ours[i]));
    return;
  }
  if (recorded && ours && typeof recorded === "object" && typeof ours === "object") {
    for (const [key, value] of Object.entries(recorded)) {
      if (["createdAt", "updatedAt", "lastLoginTime", "reqId"].includes(key)) continue;
      learn(value, (ours as Record<string, unknown>)[key]);
    }
  }
}

beforeAll(async () => {
  server = await startDevServer({ now: () => clock });
  setUpProject();
});
afterAll(async () => {
  await server.close();
});

describe("dev server replays the machine identity recordings", () => {
  it("has all of them", () => {
    expect(recordings.length).toBe(74);
  });

  for (const rec of recordings) {
    it(`${rec.name}: ${rec.request.method} ${rec.request.path.slice(0, 50)} -> ${rec.response.status}`, async () => {
      clock = new Date((rec as unknown as { recorded_at: string }).recorded_at);
      if (rec.name.startsWith("214")) await setUpIdentityB();
      const actual = await call(
        rec.request.method,
        mapIds(rec.request.path),
        bodyFor(rec),
        await bearerFor(rec),
      );
      const expected = rec.response.body_json as Record<string, unknown> | null;
      expectLikeRecorded(actual, rec.response, { details: true });
      // An access token carries the recorded claims, in their order.
      const recordedToken = expected?.accessToken;
      if (typeof recordedToken === "string") {
        const keys = (token: unknown) =>
          Object.keys(
            JSON.parse(Buffer.from(String(token).split(".")[1] ?? "", "base64url").toString()),
          );
        expect(keys((actual.body as { accessToken?: string }).accessToken)).toEqual(
          keys(recordedToken),
        );
      }
      learn(expected, actual.body);
      if (rec.name.startsWith("203"))
        ids.set("A-secret", (actual.body as { clientSecret: string }).clientSecret);
    });
  }

  it("the service token compared with the identities still reads its one folder", async () => {
    const project = ids.get(RECORDED_PROJECT) as string;
    const read = await call(
      "GET",
      `/api/v3/secrets/raw?workspaceId=${project}&environment=prod&secretPath=/`,
      undefined,
      serviceToken,
    );
    // Whatever the query: the token's one folder, dev:/app (with what 244 wrote there).
    const secrets = (read.body as { secrets: { secretKey: string; secretPath: string }[] }).secrets;
    expect(secrets.map((s) => s.secretPath)).toEqual(secrets.map(() => "/app"));
    expect(secrets.map((s) => s.secretKey)).toContain("DEV_APP");
  });
});
