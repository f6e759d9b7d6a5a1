import { HttpError } from "./http-error.js";

/** Every third failure in a row locks the account for longer; the twelfth until it is unlocked. */
const LOCK_EVERY = 3;
const LOCK_MINUTES = [5, 30, 60];

const LOCKED_FOR_GOOD =
  "User is locked due to multiple failed login attempts. An email has been sent to you in order to unlock your account. You can also reset your password to unlock your account.";

/**
 * The real server's MFA lockout (backend auth-login-service verifyMfaToken and
 * enforceUserLockStatus): failures in a row are counted per user, an attempt while locked
 * counts as one, and a locked user gets 403 UserLocked. A valid code resets the count.
 */
export class MfaLockout {
  private readonly users = new Map<
    string,
    { failures: number; lockedUntil?: number; locked?: boolean }
  >();

  /** Throws the real server's 403 UserLocked while `userId` is locked. */
  check(userId: string, now = Date.now()): void {
    const user = this.users.get(userId);
    if (user?.locked) throw new HttpError(403, LOCKED_FOR_GOOD, "UserLocked");
    const secondsLeft = ((user?.lockedUntil ?? 0) - now) / 1000;
    if (secondsLeft > 0) {
      const wait =
        secondsLeft > 60
          ? `${Math.ceil(secondsLeft / 60)} minutes`
          : `${Math.ceil(secondsLeft)} seconds`;
      throw new HttpError(
        403,
        `User is temporary locked due to multiple failed login attempts. Try again after ${wait}. You can also reset your password now to proceed.`,
        "UserLocked",
      );
    }
  }

  /** Locked now (for a while, or until unlocked). */
  isLocked(userId: string, now = Date.now()): boolean {
    const user = this.users.get(userId);
    return user?.locked === true || (user?.lockedUntil ?? 0) > now;
  }

  /** Counts a failure; true when this one locks the account until it is unlocked. */
  failed(userId: string, now = Date.now()): boolean {
    const user = this.users.get(userId) ?? { failures: 0 };
    user.failures += 1;
    this.users.set(userId, user);
    if (user.failures >= LOCK_EVERY * (LOCK_MINUTES.length + 1)) {
      const newly = user.locked !== true;
      user.locked = true;
      return newly;
    }
    if (user.failures % LOCK_EVERY === 0)
      user.lockedUntil = now + (LOCK_MINUTES[user.failures / LOCK_EVERY - 1] as number) * 60_000;
    return false;
  }

  /** Failures in a row so far (a lock running out does not reset them). */
  failures(userId: string): number {
    return this.users.get(userId)?.failures ?? 0;
  }

  /** What an administrator's database edit does (tests use it): the lock ends, the count stays. */
  endLock(userId: string): void {
    const user = this.users.get(userId);
    if (user) this.users.set(userId, { failures: user.failures });
  }

  /** As endLock, for setting the count (the recordings set it to 11 to reach the twelfth). */
  setFailures(userId: string, failures: number): void {
    this.users.set(userId, { failures });
  }

  /** A right code, a recovery code or the e-mailed unlock link: the count starts again. */
  succeeded(userId: string): void {
    this.users.delete(userId);
  }
}
