import { describe, expect, it } from "vitest";
import { createRedactor } from "../../src/output/redact.js";
import { visible } from "../../src/output/visible.js";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJ1In0.c2lnbmF0dXJl";
const ST = "st.59a7cc6d-3796-491c-a96e-e0915a5b5576.908a2f97c95344f5d95096a9ef233146";

describe("the redactor masks credentials in every form seen", () => {
  const table: [string, string][] = [
    [`oops ${ST}.0123456789abcdef0123456789abcdef`, "oops st.[REDACTED]"],
    [`Bearer abc.def ${JWT}`, "Bearer [REDACTED] [REDACTED JWT]"],
    [`Authorization: Bearer%20${JWT}`, "Authorization: Bearer [REDACTED]"],
    [`key_${JWT}`, "key_[REDACTED JWT]"],
    [`Bearer%20${ST}`, "Bearer [REDACTED]"],
    [`x0${ST}`, "x0st.[REDACTED]"],
    ["Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA==", "Proxy-Authorization: Basic [REDACTED]"],
    ["via http://alice:s3cret@proxy.example:8080/", "via http://[REDACTED]@proxy.example:8080/"],
    ["the test.case.name stays", "the test.case.name stays"],
  ];
  it.each(table)("%s", (input, output) => {
    expect(createRedactor().redact(input)).toBe(output);
  });

  it("masks a registered password as typed, JSON-escaped and URL-encoded", () => {
    const redactor = createRedactor();
    redactor.registerSecret('pa"ss wörd');
    expect(redactor.redact('typed pa"ss wörd')).toBe("typed [REDACTED]");
    expect(redactor.redact('{"password":"pa\\"ss wörd"}')).toBe('{"password":"[REDACTED]"}');
    expect(redactor.redact("password=pa%22ss%20w%C3%B6rd")).toBe("password=[REDACTED]");
  });

  it("masks a short password where it stands alone, not inside words", () => {
    const redactor = createRedactor();
    redactor.registerSecret("ab");
    expect(redactor.redact('{"password":"ab"} ab')).toBe('{"password":"[REDACTED]"} [REDACTED]');
    expect(redactor.redact("about a cab")).toBe("about a cab");
  });

  it("keeps each run's secrets to itself", () => {
    createRedactor().registerSecret("hunter2-password");
    expect(createRedactor().redact("hunter2-password")).toBe("hunter2-password");
  });
});

describe("visible: control characters shown, not obeyed", () => {
  const table: [string, string][] = [
    ["\u001b]0;pwned\u0007\u001b[2J", "\\e]0;pwned\\a\\e[2J"],
    ["\u001b]52;c;aGk=\u0007", "\\e]52;c;aGk=\\a"],
    ["a\nb\tc\r", "a\\nb\\tc\\r"],
    ["\u009b31m", "\\u009b31m"],
    ["\u202eevil", "\\u202eevil"],
    ["plain ünïcode ✓ 名前", "plain ünïcode ✓ 名前"],
  ];
  it.each(table)("%j", (input, output) => {
    expect(visible(input)).toBe(output);
  });
});

describe("the redactor leaves ordinary words alone", () => {
  it.each([
    "the token from --token is not a JWT",
    "a basic question: what does a token do?",
    "Token missing",
    "Basic auth is not used",
  ])("%s", (text) => {
    expect(createRedactor().redact(text)).toBe(text);
  });
});
