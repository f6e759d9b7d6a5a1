import { describe, expect, it } from "vitest";
import { browserCommand, splitLikeShell } from "../../src/auth/browser-command.js";

const URL = "https://app.infisical.com/login?callback_port=4000";

describe("splitting BROWSER like a shell", () => {
  it.each([
    ["firefox", ["firefox"]],
    ['open -a "Google Chrome"', ["open", "-a", "Google Chrome"]],
    ["open -a 'Google Chrome'", ["open", "-a", "Google Chrome"]],
    ["  chromium   --new-window  ", ["chromium", "--new-window"]],
    ["/opt/my\\ browser/bin/run", ["/opt/my browser/bin/run"]],
    ['say "a \\"quoted\\" word"', ["say", 'a "quoted" word']],
    ["empty ''", ["empty", ""]],
    ["", []],
  ])("%j -> %j", (text, words) => {
    expect(splitLikeShell(text)).toEqual(words);
  });
});

describe("the command that opens the browser, by platform", () => {
  it.each([
    ["linux", {}, { file: "xdg-open", args: [URL] }],
    ["freebsd", {}, { file: "xdg-open", args: [URL] }],
    ["darwin", {}, { file: "/usr/bin/open", args: [URL] }],
    [
      // Never a bare `explorer`: Windows would run one planted in the current directory.
      "win32",
      { SystemRoot: "D:\\WINDOWS" },
      { file: "D:\\WINDOWS\\System32\\rundll32.exe", args: ["url.dll,FileProtocolHandler", URL] },
    ],
    [
      "win32",
      {},
      { file: "C:\\Windows\\System32\\rundll32.exe", args: ["url.dll,FileProtocolHandler", URL] },
    ],
    [
      "darwin",
      { BROWSER: 'open -a "Google Chrome"' },
      { file: "open", args: ["-a", "Google Chrome", URL] },
    ],
    [
      "linux",
      { BROWSER: "firefox --new-tab %s --private" },
      { file: "firefox", args: ["--new-tab", URL, "--private"] },
    ],
    ["linux", { BROWSER: "none" }, undefined],
    ["win32", { BROWSER: "" }, undefined],
  ] as const)("%s %j", (platform, env, expected) => {
    expect(browserCommand(URL, platform, env)).toEqual(expected);
  });
});
