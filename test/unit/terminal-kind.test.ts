import { describe, expect, it } from "vitest";
import { isMinttyWithoutConsole } from "../../src/output/terminal-kind.js";

describe("Git Bash's mintty, which gives Windows programs pipes instead of a console", () => {
  const cases: [string, NodeJS.Platform, NodeJS.ProcessEnv, boolean, boolean][] = [
    ["mintty says so", "win32", { TERM_PROGRAM: "mintty" }, false, true],
    ["MSYS2 with a terminal type", "win32", { MSYSTEM: "MINGW64", TERM: "xterm" }, false, true],
    [
      "Git Bash in Windows Terminal has a console",
      "win32",
      { MSYSTEM: "MINGW64", TERM: "xterm-256color" },
      true,
      false,
    ],
    [
      "MSYS2 without a terminal (a dumb one or none)",
      "win32",
      { MSYSTEM: "MINGW64", TERM: "dumb" },
      false,
      false,
    ],
    ["MSYS2 variable alone", "win32", { MSYSTEM: "MINGW64" }, false, false],
    ["cmd or PowerShell piping", "win32", {}, false, false],
    ["not Windows, even with mintty's variable", "linux", { TERM_PROGRAM: "mintty" }, false, false],
    ["macOS", "darwin", { MSYSTEM: "MINGW64", TERM: "xterm" }, false, false],
  ];
  it.each(cases)("%s", (_name, platform, env, stdinIsTTY, expected) => {
    expect(isMinttyWithoutConsole(platform, env, stdinIsTTY)).toBe(expected);
  });
});
