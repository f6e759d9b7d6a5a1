import { describe, expect, it } from "vitest";
import { fastAnswer } from "../../src/fast-path.js";

const helps = { "": "top help\n", "service-token create": "create help\n" };

describe("fastAnswer", () => {
  const table: [string[], string | undefined][] = [
    [["--version"], "1.2.3\n"],
    [["-v"], "1.2.3\n"],
    [["--help"], "top help\n"],
    [["-h"], "top help\n"],
    [["service-token", "create", "--help"], "create help\n"],
    [["service-token", "create", "-h"], "create help\n"],
    [["service-token", "--help"], undefined],
    [["--version", "x"], undefined],
    [["--debug", "--help"], undefined],
    [["service-token", "create", "-s", "dev:/"], undefined],
    [[], undefined],
  ];
  for (const [args, expected] of table) {
    it(JSON.stringify(args), () =>
      expect(fastAnswer(args, "1.2.3", (topic) => helps[topic as keyof typeof helps])).toBe(
        expected,
      ),
    );
  }
});
