import { randomBytes, randomInt } from "node:crypto";
import { forbidden, HttpError, somethingWentWrong } from "./http-error.js";
import type { ServerDeps } from "./route.js";
import type { User } from "./state.js";
import { issueMfaToken } from "./tokens.js";
import { totpStepOf } from "./totp.js";

export type RequiredMfaMethod = "email" | "totp";

const EMAIL_CODE_TRIES = 3;
const EMAIL_CODE_LIFETIME_MS = 5 * 60_000;

/**
 * The method a login must pass, if any. The dev server's --mfa asks every user for an e-mailed
 * code (the printed one); otherwise the user's own setting decides, as on a server without
 * organization-enforced MFA (MFA.md: enforcing it needs a licence).
 */
export function requiredMfaMethod(deps: ServerDeps, user: User): RequiredMfaMethod | undefined {
  if (deps.mfa.enabled) return "email";
  return user.mfa.enabled ? user.mfa.method : undefined;
}

/** A new e-mailed code replaces the last one (MFA.md 347/348); --mfa always mails the same code. */
export function mailMfaCode(deps: ServerDeps, user: User): void {
  const code = deps.mfa.enabled ? deps.mfa.code : String(randomInt(1_000_000)).padStart(6, "0");
  deps.state.emailCodes.set(user.id, {
    code,
    tries: 0,
    expiresAt: deps.now().getTime() + EMAIL_CODE_LIFETIME_MS,
  });
  deps.state.mail(user.email, `Infisical MFA code: ${code}`);
}

/** select-organization for a login that must pass MFA: an MFA token, and a mail when e-mail. */
export function startMfaChallenge(
  deps: ServerDeps,
  user: User,
  organizationId: string,
  method: RequiredMfaMethod,
) {
  const token = issueMfaToken(deps, {
    userId: user.id,
    organizationId,
    email: user.email,
    requiredMfaMethod: method,
  });
  if (method === "email") mailMfaCode(deps, user);
  return { token, isMfaEnabled: true, mfaMethod: method };
}

/** The MFA token's claims the verify routes act on. */
export interface MfaTokenClaims {
  userId: string;
  organizationId?: unknown;
  requiredMfaMethod?: unknown;
  challengeId?: unknown;
}

/**
 * Throws the real server's answer to a code that does not pass (MFA.md "Answers to codes"):
 * the wrong method 400, an authenticator code 400 (not 6 characters) or 403 Invalid TOTP
 * (wrong, reused), and for an e-mailed code a plain 500 (wrong, replaced, expired, or deleted
 * after its third wrong try).
 */
export function checkMfaCode(
  deps: ServerDeps,
  user: User,
  claims: MfaTokenClaims,
  body: { mfaToken: string; mfaMethod: string },
): void {
  const required = claims.requiredMfaMethod === "totp" ? "totp" : "email";
  if (body.mfaMethod !== required)
    throw new HttpError(
      400,
      `Invalid MFA method. ${required} verification is required.`,
      "BadRequest",
    );
  if (required === "totp") checkTotpCode(deps, user, body.mfaToken);
  else checkEmailCode(deps, user, claims, body.mfaToken);
}

function checkTotpCode(deps: ServerDeps, user: User, code: string): void {
  if (code.length !== 6) throw new HttpError(400, "Please use a valid TOTP code.", "BadRequest");
  const totp = user.mfa.totp;
  const step = totp?.verified ? totpStepOf(totp.secret, code, deps.now()) : undefined;
  if (step === undefined || user.mfa.usedSteps.has(step))
    throw forbidden("ForbiddenError", "Invalid TOTP");
  user.mfa.usedSteps.add(step);
}

function checkEmailCode(deps: ServerDeps, user: User, claims: MfaTokenClaims, code: string): void {
  const { state } = deps;
  // With the fixed code every mail carries the same code: only the challenge tells them apart.
  if (deps.mfa.enabled && state.mfaChallenges.get(user.id) !== claims.challengeId)
    throw somethingWentWrong();
  const mailed = state.emailCodes.get(user.id);
  if (mailed && mailed.code === code && mailed.expiresAt > deps.now().getTime()) {
    state.emailCodes.delete(user.id);
    return;
  }
  if (mailed) {
    mailed.tries += 1;
    if (mailed.tries >= EMAIL_CODE_TRIES) state.emailCodes.delete(user.id);
  }
  throw somethingWentWrong();
}

/** A recovery code from the authenticator's set-up works once, instead of a code. */
export function useRecoveryCode(user: User, code: string): void {
  const codes = user.mfa.totp?.recoveryCodes ?? [];
  const index = codes.indexOf(code);
  // Not recorded: the answer to an unknown recovery code (the source throws BadRequest).
  if (index < 0) throw new HttpError(400, "Invalid recovery code", "BadRequest");
  codes.splice(index, 1);
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => String(randomInt(100_000_000)).padStart(8, "0"));
}

/** At the twelfth failure the server mails a link that unlocks the account (MFA.md 334–336). */
export function mailUnlockLink(deps: ServerDeps, user: User): void {
  const token = randomBytes(16).toString("hex");
  deps.state.unlockTokens.set(user.id, token);
  deps.state.mail(
    user.email,
    `Unlock your Infisical account: /api/v1/user/${user.id}/unlock?token=${token}`,
  );
}
