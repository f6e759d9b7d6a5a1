import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { colorLevel } from "../../src/output/color.js";
import { formatError } from "../../src/output/format-error.js";
import { formatRelative, formatTimestamp } from "../../src/output/time.js";
import { CliError, UsageError } from "../../src/errors.js";

const plain = new Chalk({ level: 0 });

describe("formatError", () => {
  it("prints the message, the indented details and a hint, with the error's exit code", () => {
    const error = new UsageError("bad thing", { details: ["file: /x"], hint: "do this" });
    expect(formatError(error, plain, false)).toEqual({
      text: "error: bad thing\n  file: /x\n  hint: do this\n",
      exitCode: 2,
    });
  });
  it("never prints a stack trace unless --debug", () => {
    const error = new CliError("wrapped", { cause: new Error("inner") });
    expect(formatError(error, plain, false).text).not.toContain("at ");
    expect(formatError(error, plain, true).text).toContain("debug: cause:\nError: inner");
  });
  it("treats an unknown exception as a bug, exit 1", () => {
    const out = formatError(new TypeError("x is not a function"), plain, false);
    expect(out.exitCode).toBe(1);
    expect(out.text).toContain("error: unexpected failure: x is not a function");
  });
  it("makes control characters in messages, details and hints visible", () => {
    const out = formatError(
      new CliError("name \u001b]0;pwned\u0007\nerror: all good", {
        details: ["server: \u009b2J"],
        hint: "x\ty",
      }),
      plain,
      false,
    ).text;
    expect(out).toBe(
      "error: name \\e]0;pwned\\a\\nerror: all good\n  server: \\u009b2J\n  hint: x\\ty\n",
    );
  });
});

describe("time and colour", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  const table: [number, string][] = [
    [86_400, "in 1 day"],
    [86_399, "in 1 day"], // rounded, not floored
    [75_600, "in 21 hours"],
    [7 * 86_400, "in 7 days"],
    [10 * 86_400, "in 10 days"],
    [14 * 86_400, "in 2 weeks"],
    [90 * 86_400, "in 3 months"],
    [-120, "2 minutes ago"],
    [365 * 86_400, "in 1 year"],
    [0, "now"],
  ];
  for (const [delta, expected] of table) {
    it(expected, () =>
      expect(formatRelative(new Date(now.getTime() + delta * 1000), now)).toBe(expected),
    );
  }
  it("formats timestamps in UTC", () => expect(formatTimestamp(now)).toBe("2026-11-28 12:00 UTC"));
  it("colours only on a TTY, NO_COLOR off, FORCE_COLOR on", () => {
    expect(colorLevel({ isTTY: true }, {})).toBe(1);
    expect(colorLevel({ isTTY: false }, {})).toBe(0);
    expect(colorLevel({ isTTY: true }, { NO_COLOR: "1" })).toBe(0);
    expect(colorLevel({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(1);
    expect(colorLevel({ isTTY: true }, { FORCE_COLOR: "0" })).toBe(0);
  });
});

describe("prompt answers", () => {
  it("an e-mail prompt takes only the form of an address, an MFA prompt only six digits", async () => {
    const { looksLikeEmail, looksLikeMfaCode } =
      await import("../../src/commands/login/answers.js");
    expect(looksLikeEmail("you@example.com")).toBe(true);
    expect(looksLikeEmail("you")).toMatch(/e-mail address/);
    expect(looksLikeMfaCode("123456")).toBe(true);
    for (const wrong of ["12345", "abcdef", "1234567"])
      expect(looksLikeMfaCode(wrong)).toMatch(/six digits/);
  });
});
