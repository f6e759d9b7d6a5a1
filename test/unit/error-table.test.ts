import { describe, expect, it } from "vitest";
import { apiErrorFor, classifyAnswer, type ServerAnswer } from "../../src/api/error-table.js";
import { serverMessageText, type Operation } from "../../src/api/errors.js";

const MAYBE = "the request may or may not have taken effect";

function answer(
  operation: Operation,
  status: number,
  message: unknown,
  error: string,
  extra: Partial<ServerAnswer> = {},
): ServerAnswer {
  return {
    status,
    body: { reqId: "req-x", statusCode: status, message, error },
    request: {
      operation,
      method: "POST",
      url: "https://x/api/v2/service-token",
      siteUrl: "https://x",
      creates: operation === "create-service-token",
      subject: "0f1e",
    },
    ...extra,
  };
}

describe("classifyAnswer: route, status and error name decide the kind", () => {
  const table: [string, ServerAnswer, string][] = [
    [
      "401 Token missing",
      answer("list-service-tokens", 401, "Token missing", "UnauthorizedError"),
      "no-credentials",
    ],
    [
      "401 without organization",
      answer(
        "list-projects",
        401,
        "You are not allowed to access this resource",
        "/api/v1/projects Unauthorized Access, no organization found in request",
      ),
      "no-organization",
    ],
    [
      "401 other",
      answer("get-project", 401, "Invalid", "UnauthorizedError"),
      "credentials-rejected",
    ],
    [
      "403 TokenError expired",
      answer(
        "create-service-token",
        403,
        "Your token has expired. Please re-authenticate.",
        "TokenError",
      ),
      "session-expired",
    ],
    [
      "403 TokenError other",
      answer("create-service-token", 403, "invalid signature", "TokenError"),
      "token-invalid",
    ],
    [
      "403 Forbidden access to",
      answer(
        "create-service-token",
        403,
        "You are not allowed to access this resource",
        "Forbidden access to /api/v2/service-token",
      ),
      "wrong-credential-kind",
    ],
    [
      "403 other",
      answer(
        "create-service-token",
        403,
        "You are not allowed to create on secrets",
        "PermissionDenied",
      ),
      "permission-denied",
    ],
    [
      "404 without request id",
      {
        ...answer("list-service-tokens", 404, "Route GET:/x not found", "Not Found"),
        body: { statusCode: 404, message: "Route GET:/x not found", error: "Not Found" },
      },
      "route-missing",
    ],
    [
      "404 project",
      answer("get-project", 404, "Project with abc not found", "NotFound"),
      "project-not-found",
    ],
    [
      "422",
      answer(
        "create-service-token",
        422,
        [{ path: ["name"], message: "Required" }],
        "ValidationFailure",
      ),
      "invalid-request",
    ],
    ["429", answer("create-service-token", 429, "Too many", "TooManyRequests"), "rate-limited"],
    [
      "500",
      answer("create-service-token", 500, "Something went wrong", "InternalServerError"),
      "server-failure",
    ],
    ["400 at login", answer("login", 400, "Invalid credentials", "BadRequest"), "login-rejected"],
    ["400 elsewhere", answer("create-service-token", 400, "Bad", "BadRequest"), "other"],
    [
      "any refusal of a browser login",
      answer("verify-browser-login", 403, "invalid signature", "TokenError"),
      "browser-login-rejected",
    ],
    [
      "wrong e-mailed code (500)",
      answer("verify-mfa", 500, "Something went wrong", "InternalServerError"),
      "mfa-code-rejected",
    ],
    [
      "wrong TOTP (403)",
      answer("verify-mfa-totp", 403, "Invalid TOTP", "ForbiddenError"),
      "mfa-code-rejected",
    ],
    [
      "short TOTP (400)",
      answer("verify-mfa-totp", 400, "Please use a valid TOTP code.", "BadRequest"),
      "mfa-code-rejected",
    ],
    [
      "500 on TOTP is the server's failure",
      answer("verify-mfa-totp", 500, "Something went wrong", "InternalServerError"),
      "server-failure",
    ],
    [
      "expired MFA session is no wrong code",
      answer("verify-mfa", 403, "jwt expired", "TokenError"),
      "session-expired",
    ],
    [
      "locked account",
      answer("verify-mfa", 403, "User is temporary locked", "UserLocked"),
      "account-locked",
    ],
    [
      "unknown environment (current server)",
      answer(
        "create-service-token",
        404,
        "One or more selected environments not found",
        "NotFound",
      ),
      "unknown-environment",
    ],
    [
      "unknown environment (old server)",
      answer("create-service-token", 400, "Environment not found", "BadRequest"),
      "unknown-environment",
    ],
    [
      "the same text on another route is not",
      answer("list-service-tokens", 404, "One or more selected environments not found", "NotFound"),
      "other",
    ],
    [
      "view: wrong secret",
      answer("describe-service-token", 401, "Invalid service token", "UnauthorizedError"),
      "service-token-secret-wrong",
    ],
    [
      "view: expired",
      answer("describe-service-token", 403, "Service token has expired", "ForbiddenError"),
      "service-token-expired",
    ],
    [
      "view: unknown id",
      answer("describe-service-token", 404, "Service token with ID 'x' not found", "NotFound"),
      "service-token-not-found",
    ],
  ];
  it.each(table)("%s", (_name, given, kind) => {
    expect(classifyAnswer(given)).toBe(kind);
  });
  it("an answer that is not the server's error shape is not the API", () => {
    expect(classifyAnswer({ ...answer("login", 502, "", ""), body: undefined })).toBe(
      "not-the-api",
    );
  });
});

describe("apiErrorFor: the kind gives message, hint and exit code", () => {
  it("authentication failures exit 4, everything else 1", () => {
    const exit = (a: ServerAnswer) => apiErrorFor(a).exitCode;
    expect(exit(answer("list-service-tokens", 401, "Token missing", "UnauthorizedError"))).toBe(4);
    expect(exit(answer("create-service-token", 403, "jwt expired", "TokenError"))).toBe(4);
    expect(exit(answer("login", 400, "Invalid credentials", "BadRequest"))).toBe(4);
    expect(exit(answer("verify-mfa", 500, "Something went wrong", "InternalServerError"))).toBe(4);
    expect(exit(answer("verify-mfa", 403, "locked", "UserLocked"))).toBe(4);
    expect(exit(answer("create-service-token", 403, "no", "PermissionDenied"))).toBe(1);
    expect(exit(answer("create-service-token", 500, "x", "InternalServerError"))).toBe(1);
  });
  it("only a request that creates something may say it may or may not have taken effect", () => {
    const failed = (operation: Operation) =>
      apiErrorFor(
        answer(operation, 500, "Something went wrong", "InternalServerError"),
      ).details.join("\n");
    expect(failed("create-service-token")).toContain(MAYBE);
    for (const operation of ["login", "select-organization", "list-service-tokens"] as const)
      expect(failed(operation)).not.toContain(MAYBE);
  });
  it("prints status, request and request id under every message", () => {
    const error = apiErrorFor(answer("get-project", 404, "Project with abc not found", "NotFound"));
    expect(error.message).toBe('project "abc" was not found');
    expect(error.details).toEqual([
      "status: 404 Not Found",
      "request: POST https://x/api/v2/service-token",
      "request id: req-x",
    ]);
    expect(error.kind).toBe("project-not-found");
    expect(error.requestId).toBe("req-x");
  });
  it("the MFA hint follows the kind of code", () => {
    expect(
      apiErrorFor(answer("verify-mfa-totp", 403, "Invalid TOTP", "ForbiddenError")).hint,
    ).toContain("authenticator app");
    expect(apiErrorFor(answer("verify-mfa", 500, "x", "InternalServerError")).hint).toContain(
      "e-mail",
    );
  });
  it("joins 422 issues with their paths", () => {
    expect(
      serverMessageText([
        { path: ["scopes", 0, "secretPath"], message: "Required" },
        { path: [], message: "Bad" },
      ]),
    ).toBe("scopes.0.secretPath: Required; Bad");
  });
});
