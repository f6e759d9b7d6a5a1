import { describe, expect, it } from "vitest";
import { selectedCommand } from "../../src/command-selection.js";

describe("the command an argument list runs, when certain", () => {
  const cases: [string[], string[] | undefined][] = [
    [
      ["service-token", "create", "-s", "dev:/"],
      ["service-token", "create"],
    ],
    [["--domain", "https://x", "--silent", "whoami"], ["whoami"]],
    [
      ["--timeout=5", "service-token", "list"],
      ["service-token", "list"],
    ],
    // A global option's value is not a command: this runs whoami, with domain "login".
    [["--domain", "login", "whoami"], ["whoami"]],
    [["service-token", "--help"], ["service-token"]],
    [["login", "--email", "a@b"], ["login"]],
    // Uncertain: the whole tree is built.
    [["--token", "x", "service-token", "create"], undefined],
    [["help", "service-token"], undefined],
    [["completion", "bash"], undefined],
    [["__complete", "projects"], undefined],
    [[], undefined],
    [["--version"], undefined],
  ];
  it.each(cases)("%j -> %j", (args, expected) => {
    expect(selectedCommand(args)).toEqual(expected);
  });
});
