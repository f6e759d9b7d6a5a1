import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors.js";
import { readerIsGone, stoppingSignals } from "../../src/process-signals.js";

describe("process wiring by platform", () => {
  it.each([
    ["EPIPE", true],
    // Windows reports a closed pipe as EOF.
    ["EOF", true],
    ["ENOSPC", false],
    [undefined, false],
  ] as const)("a write failing with %s means the reader is gone: %s", (code, gone) => {
    expect(readerIsGone(code)).toBe(gone);
  });

  it.each([
    [
      "linux",
      [
        ["SIGINT", 130],
        ["SIGTERM", 143],
      ],
    ],
    [
      "darwin",
      [
        ["SIGINT", 130],
        ["SIGTERM", 143],
      ],
    ],
    [
      "win32",
      [
        ["SIGINT", 130],
        ["SIGTERM", 143],
        ["SIGBREAK", 130],
      ],
    ],
  ] as const)("on %s these signals stop a command: %j", (platform, expected) => {
    expect(stoppingSignals(platform, ExitCode)).toEqual(expected);
  });
});
