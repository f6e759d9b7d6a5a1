/**
 * Replays the multi-factor login recordings (300–360, shared/real-server/MFA.md) against one dev
 * server, in order, with the server's clock at each recording's time, and compares status, error
 * texts, body shapes and the claims of the tokens given. Codes are the dev server's own: where
 * the recorder sent a right code, the replay sends the right code of this server (the current
 * authenticator code or the newest mailed one); what the recorder changed in the database
 * between requests (ending a lock, setting the failure count) is done through the server's
 * lockout, as noted in each recording.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DevServer } from "../../src/dev-server/server.js";
import { totpCode, totpStep } from "../../src/dev-server/totp.js";
import { allRecordings, type Recording } from "../helpers/recordings.js";
import { expectLikeRecorded } from "../helpers/shapes.js";

const RECORDED_USER = { email: "ceo@example.com", password: "correct horse battery staple" };
const RECORDED_USER_ID = "014fbd73-1269-4ef7-9a90-43eba108866f";
const RECORDED_ORG = "ee8798ba-9157-4f71-b071-dc6cf7b45229";
const USER_AGENT = { "User-Agent": "infisical-cli-verify/1.0" };

let server: DevServer;
let clock = new Date();
/** Recorded token (its last 12 characters, all a shortened header keeps) -> ours. */
const tokens = new Map<string, string>();
/** Recorded code -> the code sent in its place, so a reused code is reused here too. */
const codes = new Map<string, string>();

const recordings = allRecordings(/^3\d\d-/);

function user() {
  return server.state.users.get(server.demo.user.id)!;
}

async function call(method: string, path: string, body?: unknown, bearer?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...USER_AGENT,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A new MFA challenge, as the recorder made between the recorded requests. */
async function freshMfaToken(): Promise<string> {
  const { email, password } = server.demo.user;
  const login = await call("POST", "/api/v3/auth/login", { email, password });
  const accessToken = (login.body as { accessToken: string }).accessToken;
  const selected = await call(
    "POST",
    "/api/v3/auth/select-organization",
    { organizationId: server.demo.organization.id, userAgent: "cli" },
    accessToken,
  );
  return (selected.body as { token: string }).token;
}

async function bearerFor(rec: Recording): Promise<string | undefined> {
  const header = rec.request.headers.find((h) => h.name === "Authorization")?.value;
  if (!header) return undefined;
  const suffix = header.slice(-12);
  const known = tokens.get(suffix);
  if (known) return known;
  let ours: string;
  if (rec.name.includes("expired-mfa-token")) {
    const now = clock;
    clock = new Date(now.getTime() - 6 * 60_000);
    ours = await freshMfaToken();
    clock = now;
  } else if (rec.request.path.startsWith("/api/v2/auth/mfa/")) {
    ours = await freshMfaToken();
  } else {
    const beforeOrganization = rec.request.path.endsWith("/select-organization");
    ours = server.issueToken(beforeOrganization ? { organizationId: null } : {});
  }
  tokens.set(suffix, ours);
  return ours;
}

function mailedCodes(): string[] {
  return (server.state.mailbox.get(server.demo.user.email) ?? [])
    .map((mail) => /MFA code: (\d{6})/.exec(mail)?.[1])
    .filter((code): code is string => code !== undefined);
}

/** The code this server takes where the recorder sent a right one (or an earlier mail's). */
function codeFor(rec: Recording, recorded: string, method: string): string {
  const known = codes.get(recorded);
  if (known) return known;
  let ours: string;
  if (/right-code|setup-ok|resent-code|new-code/.test(rec.name)) {
    const totp = user().mfa.totp;
    ours =
      method === "totp" && totp
        ? totpCode(totp.secret, totpStep(clock))
        : (mailedCodes().at(-1) as string);
  } else if (rec.name.includes("replaced-code")) {
    ours = mailedCodes().at(-2) as string;
  } else {
    return recorded; // a wrong code, or a right one sent with the wrong method (341)
  }
  codes.set(recorded, ours);
  return ours;
}

/** What the recorder did in the database (or through unrecorded requests) before `rec`. */
async function before(rec: Recording): Promise<void> {
  const { lockout } = server;
  const id = server.demo.user.id;
  const mfaToken = (suffix: string) => tokens.get(suffix) as string;
  switch (rec.name.slice(0, 3)) {
    case "329": // temporaryLockDateEnd set to the past: the count stays
      lockout.endLock(id);
      break;
    case "333": // lock lifted in the database
    case "356":
      lockout.succeeded(id);
      break;
    case "334": // 11 failures set in the database
      lockout.setFailures(id, 11);
      break;
    case "346": // a new challenge mailed a new code
      await call("POST", "/api/v2/auth/mfa/send", undefined, mfaToken("7BHV1_tmujys"));
      break;
    case "357":
      await call("POST", "/api/v2/auth/mfa/send", undefined, mfaToken("_d_kwZRxeWac"));
      break;
  }
}

function pathFor(rec: Recording): string {
  let path = rec.request.path.replaceAll(RECORDED_ORG, server.demo.organization.id);
  if (path.includes("/unlock?")) {
    const id = server.demo.user.id;
    path = `/api/v1/user/${id}/unlock?token=${server.state.unlockTokens.get(id) ?? "none"}`;
  }
  return path.replaceAll(RECORDED_USER_ID, server.demo.user.id);
}

function bodyFor(rec: Recording): unknown {
  const body = rec.request.body_json as Record<string, unknown> | null | undefined;
  if (!body) return undefined;
  const mapped = { ...body };
  if (mapped.email === RECORDED_USER.email) mapped.email = server.demo.user.email;
  if (mapped.password === RECORDED_USER.password) mapped.password = server.demo.user.password;
  if (mapped.organizationId === RECORDED_ORG) mapped.organizationId = server.demo.organization.id;
  const method = typeof mapped.mfaMethod === "string" ? mapped.mfaMethod : "email";
  if (typeof mapped.mfaToken === "string" && /^\d{6}$/.test(mapped.mfaToken))
    mapped.mfaToken = codeFor(rec, mapped.mfaToken, method);
  if (typeof mapped.totp === "string") mapped.totp = codeFor(rec, mapped.totp, "totp");
  if (typeof mapped.recoveryCode === "string")
    mapped.recoveryCode = user().mfa.totp?.recoveryCodes[0];
  return mapped;
}

function claims(token: unknown): string[] | undefined {
  if (typeof token !== "string" || !token.startsWith("eyJ")) return undefined;
  const payload = JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString());
  // challengeId is the dev server's own: with its fixed --mfa code it tells mails apart.
  return Object.keys(payload as object).filter((key) => key !== "challengeId");
}

beforeAll(async () => {
  server = await startDevServer({ now: () => clock });
});
afterAll(async () => {
  await server.close();
});

describe("dev server replays the multi-factor login recordings", () => {
  it("has all of them", () => {
    expect(recordings.length).toBe(61);
  });

  for (const rec of recordings) {
    it(`${rec.name}: ${rec.request.method} ${rec.request.path.slice(0, 50)} -> ${rec.response.status}`, async () => {
      clock = new Date((rec as unknown as { recorded_at: string }).recorded_at);
      await before(rec);
      const actual = await call(
        rec.request.method,
        pathFor(rec),
        bodyFor(rec),
        await bearerFor(rec),
      );
      const expected = rec.response.body_json as Record<string, unknown> | null;
      expectLikeRecorded(actual, rec.response);
      const answer = actual.body as Record<string, unknown> | null;
      for (const field of ["token", "accessToken"] as const) {
        const recordedToken = expected?.[field];
        if (typeof recordedToken !== "string") continue;
        tokens.set(recordedToken.slice(-12), answer?.[field] as string);
        expect(claims(answer?.[field]), `${field} claims`).toEqual(claims(recordedToken));
      }
    });
  }

  it("mailed an MFA code per challenge and one unlock link, as the recorder's mail sink saw", () => {
    const mails = server.state.mailbox.get(server.demo.user.email) ?? [];
    expect(mails.filter((mail) => mail.startsWith("Unlock your Infisical account"))).toHaveLength(
      1,
    );
    expect(mailedCodes().length).toBeGreaterThanOrEqual(4);
  });
});
