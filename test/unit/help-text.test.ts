import { describe, expect, it } from "vitest";
import { fitExamples } from "../../src/commands/help-text.js";

describe("examples fitted to the help's width", () => {
  it("breaks a POSIX command with backslash continuations, outside quotes", () => {
    const fitted = fitExamples(
      `  $ infisical service-token create -s 'dev:/a b/**' -a read --token-only`,
      40,
    );
    expect(fitted.split("\n")).toEqual([
      "  $ infisical service-token create -s \\",
      "      'dev:/a b/**' -a read --token-only",
    ]);
  });

  it("breaks a PowerShell command with backtick continuations (a backslash means nothing there)", () => {
    const fitted = fitExamples(
      "  PS> $token = infisical service-token create -s prod:/ -a read --token-only",
      50,
    );
    const lines = fitted.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/ `$/);
    expect(fitted).not.toContain("\\");
    expect(lines.map((line) => line.replace(/ `$/, "").trim()).join(" ")).toBe(
      "PS> $token = infisical service-token create -s prod:/ -a read --token-only",
    );
  });

  it("continues a command the example itself already broke, with the same mark", () => {
    const text =
      "  $ infisical service-token create -s dev:/ \\\n      -n backend --expires-in 7d --access-level read,write --token-only";
    for (const line of fitExamples(text, 44).split("\n"))
      expect(line.length).toBeLessThanOrEqual(44);
    expect(fitExamples(text, 44)).not.toContain("`");
  });

  it("wraps prose at words, keeping a comment's #", () => {
    expect(fitExamples("  # capture only the token in a script, for CI", 30).split("\n")).toEqual([
      "  # capture only the token in",
      "  # a script, for CI",
    ]);
  });
});
