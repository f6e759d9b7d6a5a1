import { describe, expect, it } from "vitest";
import { modesMeanSomething } from "../../src/config/file-modes.js";
import { busyCodes, retryBusy } from "../../src/config/retry-busy.js";

function failing(codes: string[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    operation: async () => {
      const code = codes[calls];
      calls += 1;
      if (code) throw Object.assign(new Error(code), { code });
      return "done";
    },
  };
}

describe("retrying a file that someone holds open", () => {
  it.each([
    ["win32", ["EPERM", "EACCES", "EBUSY"]],
    ["linux", ["EBUSY"]],
    ["darwin", ["EBUSY"]],
  ] as const)("on %s, busy means %j", (platform, codes) => {
    expect([...busyCodes(platform)].sort()).toEqual([...codes].sort());
  });

  it("on Windows, rides out EPERM and EBUSY until the holder lets go", async () => {
    const pauses: number[] = [];
    const op = failing(["EPERM", "EBUSY", "EACCES"]);
    const result = await retryBusy(op.operation, {
      platform: "win32",
      sleep: async (ms) => void pauses.push(ms),
    });
    expect(result).toBe("done");
    expect(op.calls).toBe(4);
    expect(pauses).toEqual([10, 20, 40]);
  });

  it("elsewhere, EPERM is a real refusal and fails at once", async () => {
    const op = failing(["EPERM"]);
    await expect(
      retryBusy(op.operation, { platform: "linux", sleep: async () => {} }),
    ).rejects.toThrow("EPERM");
    expect(op.calls).toBe(1);
  });

  it("gives up with the last error once its time is spent", async () => {
    const op = failing(Array(100).fill("EBUSY"));
    let waited = 0;
    await expect(
      retryBusy(op.operation, {
        platform: "win32",
        budgetMs: 1_000,
        sleep: async (ms) => void (waited += ms),
      }),
    ).rejects.toThrow("EBUSY");
    expect(waited).toBeGreaterThanOrEqual(1_000);
    expect(waited).toBeLessThan(1_500);
  });
});

describe("file modes by platform", () => {
  it.each([
    ["linux", true],
    ["darwin", true],
    ["freebsd", true],
    ["win32", false],
  ] as const)("on %s, modes are checked and repaired: %s", (platform, checked) => {
    expect(modesMeanSomething(platform)).toBe(checked);
  });
});
