import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay } from "../../src/api/retry.js";
import { parseCustomHeaders } from "../../src/core/custom-headers.js";
import { checkUserToken, classifyToken, decodeJwtPayload } from "../../src/core/jwt-claims.js";
import { AuthError } from "../../src/errors.js";

function jwt(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "HS256" })}.${part(payload)}.sig`;
}
const NOW = new Date("2026-11-28T00:00:00Z");
const nowSeconds = NOW.getTime() / 1000;

describe("jwt claims", () => {
  it("decodes without verifying and classifies", () => {
    expect(decodeJwtPayload(jwt({ a: 1 }))).toEqual({ a: 1 });
    expect(decodeJwtPayload("a.b")).toBeUndefined();
    expect(decodeJwtPayload("a.!!!.c")).toBeUndefined();
    expect(classifyToken("st.a.b.c")).toBe("service-token");
    expect(classifyToken(jwt({ authTokenType: "accessToken" }))).toBe("user");
    expect(classifyToken(jwt({ authTokenType: "identityAccessToken" }))).toBe("machine-identity");
    expect(classifyToken(jwt({ identityId: "x" }))).toBe("machine-identity");
    expect(classifyToken(jwt({ authTokenType: "mfaToken" }))).toBe("other");
    expect(classifyToken("garbage")).toBe("not-a-jwt");
  });

  it("accepts a user token with an organization that is valid for more than 30 s", () => {
    const token = jwt({
      authTokenType: "accessToken",
      userId: "u",
      organizationId: "o",
      exp: nowSeconds + 31,
    });
    expect(checkUserToken(token, "--token", NOW)).toEqual({
      organizationId: "o",
      expiresAt: new Date((nowSeconds + 31) * 1000),
    });
  });

  const refused: [object, RegExp][] = [
    [
      { authTokenType: "accessToken", organizationId: "o", exp: nowSeconds + 30 },
      /has expired on 2026-11-28 00:00 UTC/,
    ],
    [{ authTokenType: "accessToken", organizationId: "o" }, /has expired$/],
    [{ authTokenType: "accessToken", exp: nowSeconds + 3600 }, /no organization selected/],
    [
      { authTokenType: "identityAccessToken", exp: nowSeconds + 3600 },
      /machine-identity access token, not a user login/,
    ],
  ];
  for (const [payload, message] of refused) {
    it(`refuses ${JSON.stringify(payload)}`, () => {
      expect(() => checkUserToken(jwt(payload), "INFISICAL_TOKEN", NOW)).toThrow(message);
      expect(() => checkUserToken(jwt(payload), "INFISICAL_TOKEN", NOW)).toThrow(AuthError);
    });
  }
});

describe("parseCustomHeaders", () => {
  const ok: [string | undefined, Record<string, string>][] = [
    [undefined, {}],
    ["", {}],
    ["X-A=1", { "X-A": "1" }],
    ["  X-A=1   X-B=2 ", { "X-A": "1", "X-B": "2" }],
    [`X-A="two words" X-B='single q'`, { "X-A": "two words", "X-B": "single q" }],
    [`X-A="esc \\" quote"`, { "X-A": 'esc \\" quote' }],
    ["X-A=", { "X-A": "" }],
    ["X-A=a=b", { "X-A": "a=b" }],
    ["User-Agent=x accept=y X-C=z", { "X-C": "z" }],
    [`X-A="unterminated`, { "X-A": "unterminated" }],
  ];
  for (const [input, expected] of ok)
    it(JSON.stringify(input), () => expect(parseCustomHeaders(input)).toEqual(expected));
  for (const bad of ["novalue", "X A=1", "=1", "X(=1"]) {
    it(`rejects ${JSON.stringify(bad)}`, () =>
      expect(() => parseCustomHeaders(bad)).toThrow(/INFISICAL_CUSTOM_HEADERS is not valid/));
  }
});

describe("retry policy", () => {
  const never = () => 0.5;
  it("retries a create only after 429 or when the connection never opened", () => {
    expect(
      retryDelay(
        { kind: "status", status: 429, retryAfterMs: 2000 },
        1,
        0,
        "non-idempotent",
        never,
      ),
    ).toBe(2000);
    expect(
      retryDelay({ kind: "network", code: "ECONNREFUSED" }, 1, 0, "non-idempotent", never),
    ).toBeGreaterThan(0);
    for (const status of [500, 502, 503, 504]) {
      expect(retryDelay({ kind: "status", status }, 1, 0, "non-idempotent", never)).toBeUndefined();
    }
    for (const code of ["ECONNRESET", "ETIMEDOUT", "EPIPE"]) {
      expect(retryDelay({ kind: "network", code }, 1, 0, "non-idempotent", never)).toBeUndefined();
    }
  });
  it("retries reads on transient failures too", () => {
    expect(retryDelay({ kind: "status", status: 503 }, 1, 0, "idempotent", never)).toBeGreaterThan(
      0,
    );
    expect(
      retryDelay({ kind: "network", code: "ECONNRESET" }, 1, 0, "idempotent", never),
    ).toBeGreaterThan(0);
    expect(retryDelay({ kind: "status", status: 500 }, 1, 0, "idempotent", never)).toBeUndefined();
    expect(retryDelay({ kind: "status", status: 404 }, 1, 0, "idempotent", never)).toBeUndefined();
  });
  it("is bounded: attempts for network errors, 60 s of waiting for 429", () => {
    expect(
      retryDelay({ kind: "network", code: "ECONNREFUSED" }, 4, 0, "idempotent", never),
    ).toBeUndefined();
    expect(
      retryDelay(
        { kind: "status", status: 429, retryAfterMs: 30_000 },
        1,
        30_000,
        "non-idempotent",
      ),
    ).toBe(30_000);
    expect(
      retryDelay(
        { kind: "status", status: 429, retryAfterMs: 30_001 },
        2,
        30_000,
        "non-idempotent",
      ),
    ).toBeUndefined();
    expect(
      retryDelay({ kind: "status", status: 429, retryAfterMs: 61_000 }, 1, 0, "non-idempotent"),
    ).toBeUndefined();
  });
  it("backs off exponentially with jitter", () => {
    const low = () => 0;
    const high = () => 0.999;
    const d1 = retryDelay(
      { kind: "network", code: "ECONNREFUSED" },
      1,
      0,
      "idempotent",
      low,
    ) as number;
    const d3 = retryDelay(
      { kind: "network", code: "ECONNREFUSED" },
      3,
      0,
      "idempotent",
      low,
    ) as number;
    expect(d3).toBe(d1 * 4);
    expect(
      retryDelay({ kind: "network", code: "ECONNREFUSED" }, 1, 0, "idempotent", high),
    ).toBeGreaterThan(d1);
  });
  it("reads Retry-After as seconds or a date", () => {
    const now = Date.parse("2026-11-28T00:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
