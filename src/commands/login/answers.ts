/** What the person at the terminal, or the flags and variables in a script, answer during login. */
import {
  organizationList,
  type LoginInteraction,
  type MfaChallenge,
} from "../../auth/finish-login.js";
import type { CommandContext } from "../../context.js";
import { UsageError } from "../../errors.js";
import { visible } from "../../output/visible.js";
import { readStdin } from "../read-stdin.js";

/** The flags that answer the login's questions. */
export interface LoginAnswerFlags {
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  organizationId?: string;
  mfaCode?: string;
}

/** The form of an address (the server decides whether it is an account). */
export function looksLikeEmail(answer: string): true | string {
  return (
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(answer.trim()) ||
    "enter an e-mail address, like you@example.com"
  );
}

/** Codes are six digits; anything else would only count as a wrong code towards the lock. */
export function looksLikeMfaCode(answer: string): true | string {
  return /^\d{6}$/.test(answer.trim()) || "enter the six digits of the code";
}

export async function resolvePassword(
  flags: LoginAnswerFlags,
  ctx: CommandContext,
): Promise<string> {
  let password: string | undefined;
  if (flags.password !== undefined) {
    ctx.logger.warn(
      "a password given with --password can be seen by other users of this machine; prefer --password-stdin",
    );
    password = flags.password;
  } else if (flags.passwordStdin) {
    password = (await readStdin(ctx.stdin)).replace(/\r?\n$/, "");
  } else if (ctx.env.INFISICAL_PASSWORD) {
    password = ctx.env.INFISICAL_PASSWORD;
  } else if (ctx.canPrompt) {
    password = await ctx.prompts.secret("Password");
  }
  if (!password) {
    throw new UsageError("no password given", {
      hint: "pass it on standard input with --password-stdin, or set INFISICAL_PASSWORD",
      neededTerminal: !ctx.canPrompt,
    });
  }
  ctx.registerSecret(password);
  return password;
}

export async function resolveEmail(flags: LoginAnswerFlags, ctx: CommandContext): Promise<string> {
  const email =
    flags.email?.trim() ||
    ctx.env.INFISICAL_EMAIL?.trim() ||
    (ctx.canPrompt ? (await ctx.prompts.text("Email", looksLikeEmail)).trim() : "");
  if (!email) {
    throw new UsageError("no e-mail given", {
      hint: "pass --email (or set INFISICAL_EMAIL); in a terminal, `infisical login` can also use the browser",
      neededTerminal: true,
    });
  }
  return email;
}

/** --organization-id, else INFISICAL_ORGANIZATION_ID, else none (choose or ask). */
export function wantedOrganization(
  flags: LoginAnswerFlags,
  ctx: CommandContext,
): string | undefined {
  return flags.organizationId?.trim() || ctx.env.INFISICAL_ORGANIZATION_ID?.trim() || undefined;
}

/**
 * `keepForLater`: called when an e-mailed code is needed and nobody can type it here: the login
 * is kept for `login --mfa-code` (the code just mailed is void for any other login), and it ends
 * this run.
 */
export function interactionFor(
  flags: LoginAnswerFlags,
  ctx: CommandContext,
  keepForLater?: (challenge: MfaChallenge) => Promise<never>,
): LoginInteraction {
  return {
    mfaAttempts: flags.mfaCode !== undefined ? 1 : 3,
    mfaCode: async (_attempt, method, challenge) => {
      if (flags.mfaCode !== undefined) return flags.mfaCode;
      if (!ctx.canPrompt && method === "email" && keepForLater) return keepForLater(challenge);
      if (!ctx.canPrompt) {
        throw new UsageError("this account needs a multi-factor authentication code", {
          hint: "pass it with --mfa-code",
          neededTerminal: true,
        });
      }
      return ctx.prompts.text(
        method === "email"
          ? "MFA code (sent to your e-mail)"
          : "MFA code (from your authenticator app)",
        looksLikeMfaCode,
      );
    },
    chooseOrganization: async (organizations) => {
      if (!ctx.canPrompt) {
        throw new UsageError("your account belongs to several organizations; choose one", {
          details: organizationList(organizations),
          hint: "pass --organization-id <id> (or set INFISICAL_ORGANIZATION_ID)",
          neededTerminal: true,
        });
      }
      return ctx.prompts.choice(
        "Which organization would you like to log in to?",
        organizations.map((org) => ({ name: visible(`${org.name} (${org.id})`), value: org })),
      );
    },
  };
}
