import { describe, expect, it } from "vitest";
import { MfaLockout } from "../../src/dev-server/mfa-lockout.js";

const MINUTE = 60_000;

function lockMessage(lockout: MfaLockout, now: number): string | undefined {
  try {
    lockout.check("user", now);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("dev server MFA lockout (as the real server)", () => {
  it("locks for 5, 30 and 60 minutes after every third failure, then for good", () => {
    const lockout = new MfaLockout();
    let now = 0;
    const fail = (times: number) => {
      for (let i = 0; i < times; i += 1) lockout.failed("user", now);
    };

    fail(2);
    expect(lockMessage(lockout, now)).toBeUndefined();
    fail(1);
    expect(lockMessage(lockout, now)).toBe(
      "User is temporary locked due to multiple failed login attempts. Try again after 5 minutes. You can also reset your password now to proceed.",
    );
    expect(lockMessage(lockout, now + 4 * MINUTE + 30_000)).toMatch(/Try again after 30 seconds\./);
    now += 5 * MINUTE;
    expect(lockMessage(lockout, now)).toBeUndefined();

    fail(3);
    expect(lockMessage(lockout, now)).toMatch(/Try again after 30 minutes\./);
    now += 30 * MINUTE;
    fail(3);
    expect(lockMessage(lockout, now)).toMatch(/Try again after 60 minutes\./);
    now += 60 * MINUTE;
    fail(3);
    expect(lockMessage(lockout, now + 1000 * MINUTE)).toMatch(
      /^User is locked due to multiple failed login attempts\. An email has been sent/,
    );
  });

  it("a valid code starts the count again; users are counted apart", () => {
    const lockout = new MfaLockout();
    lockout.failed("user", 0);
    lockout.failed("user", 0);
    lockout.succeeded("user");
    lockout.failed("user", 0);
    lockout.failed("other", 0);
    lockout.failed("other", 0);
    expect(lockMessage(lockout, 0)).toBeUndefined();
  });
});
