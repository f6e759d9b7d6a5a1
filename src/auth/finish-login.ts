import { checkAuth, listOrganizations, selectOrganization, verifyMfaCode } from "../api/auth.js";
import { describeLockAfterWrongCode } from "../api/error-table.js";
import type { ApiClient } from "../api/client.js";
import { ApiError } from "../api/errors.js";
import type { MfaMethod, Organization } from "../api/auth-schemas.js";
import { CliError, UsageError } from "../errors.js";
import type { Logger } from "../output/logger.js";

/** What the login flow needs from the person at the keyboard (or from flags, in a script). */
export interface LoginInteraction {
  /** Called only when there are several organizations and none was named. */
  chooseOrganization(organizations: Organization[]): Promise<Organization>;
  /**
   * The MFA code for this attempt. `challenge` is the login waiting for it: an interaction that
   * cannot ask may keep it for a later `login --mfa-code` and end this run.
   */
  mfaCode(attempt: number, method: MfaMethod, challenge: MfaChallenge): Promise<string>;
  /** How many codes may be tried (1 for --mfa-code, 3 at a prompt). */
  mfaAttempts: number;
}

/** A login that the server has asked for an MFA code. */
export interface MfaChallenge {
  mfaToken: string;
  method: MfaMethod;
  organization: Organization;
}

export interface LoggedIn {
  token: string;
  organization: Organization;
}

export function organizationList(organizations: Organization[]): string[] {
  return organizations.map((org) => `${org.id}  ${org.name}`);
}

function pickOrganization(
  organizations: Organization[],
  wanted: string | undefined,
  siteUrl: string,
) {
  if (organizations.length === 0) {
    throw new CliError("your account is not a member of any organization", {
      hint: `create or join an organization at ${siteUrl}, then log in again`,
    });
  }
  if (wanted !== undefined) {
    const match = organizations.find((org) => org.id === wanted || org.slug === wanted);
    if (!match) {
      throw new UsageError(`organization ${JSON.stringify(wanted)} is not one of yours`, {
        details: [
          "your organizations:",
          ...organizationList(organizations).map((line) => `  ${line}`),
        ],
        hint: "pass one of these ids with --organization-id (or INFISICAL_ORGANIZATION_ID)",
      });
    }
    return match;
  }
  return organizations.length === 1 ? organizations[0] : undefined;
}

/**
 * Whether a wrong code has just locked the account: the server answers the code that starts a
 * lock like any other wrong one, but from then on refuses every login of the account, this
 * login token included (a check that counts as no MFA attempt).
 */
async function lockStartedBy(
  wrongCode: ApiError,
  client: ApiClient,
  loginToken: string,
): Promise<ApiError | undefined> {
  try {
    await checkAuth(client, loginToken);
    return undefined;
  } catch (error) {
    return error instanceof ApiError && error.kind === "account-locked"
      ? describeLockAfterWrongCode(wrongCode, error)
      : undefined;
  }
}

/** The code for a challenge, then the organization selected again with the verified login. */
export async function answerChallenge(
  client: ApiClient,
  challenge: MfaChallenge,
  code: string,
): Promise<LoggedIn> {
  const verified = await verifyMfaCode(client, challenge.mfaToken, code.trim(), challenge.method);
  const reselected = await selectOrganization(client, verified.token, challenge.organization.id);
  if (reselected.isMfaEnabled)
    throw new CliError("the server asked for MFA again after a valid code");
  return { token: reselected.token, organization: challenge.organization };
}

/**
 * From a user access token (which may not carry an organization yet) to an organization-scoped
 * session: choose the organization, select it, and pass MFA when the server asks for it.
 */
export async function finishLogin(options: {
  client: ApiClient;
  token: string;
  organizationId?: string | undefined;
  siteUrl: string;
  interaction: LoginInteraction;
  logger: Logger;
}): Promise<LoggedIn> {
  const { client, token, interaction, logger } = options;
  const organizations = await listOrganizations(client, token);
  const organization =
    pickOrganization(organizations, options.organizationId, options.siteUrl) ??
    (await interaction.chooseOrganization(organizations));
  logger.debug(`selecting organization ${organization.id}`);

  const selected = await selectOrganization(client, token, organization.id);
  if (!selected.isMfaEnabled) return { token: selected.token, organization };

  const challenge: MfaChallenge = {
    mfaToken: selected.token,
    method: selected.mfaMethod ?? "email",
    organization,
  };
  for (let attempt = 1; ; attempt += 1) {
    const code = await interaction.mfaCode(attempt, challenge.method, challenge);
    try {
      return await answerChallenge(client, challenge, code);
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === "mfa-code-rejected")) throw error;
      const locked = await lockStartedBy(error, client, token);
      if (locked) throw locked;
      const left = interaction.mfaAttempts - attempt;
      if (left <= 0) throw error;
      logger.warn(
        `that code was not accepted; ${left} more ${left === 1 ? "try" : "tries"} here, and three wrong codes in a row (in any login) lock the account`,
      );
    }
  }
}
