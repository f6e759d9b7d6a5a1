import {
  checkUserToken,
  classifyToken,
  describeTokenKind,
  type UserTokenFacts,
} from "../core/jwt-claims.js";
import type { Domain } from "../config/domain.js";
import { AuthError } from "../errors.js";
import type { Logger } from "../output/logger.js";
import type { SessionStore } from "./session-store.js";

export interface UserCredentials extends UserTokenFacts {
  token: string;
  source: string;
}

export interface CredentialInputs {
  /** --token: the token, or `-` to read it from standard input. */
  flagToken?: string | undefined;
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  domain: Domain;
  store: SessionStore;
  now: Date;
  logger: Logger;
}

/**
 * --token > INFISICAL_TOKEN > the stored login for this domain. INFISICAL_TOKEN often holds a
 * service or machine token in CI (for other tools); that is skipped rather than sent, because
 * the server would refuse it for user routes anyway.
 */
export async function resolveUserCredentials(inputs: CredentialInputs): Promise<UserCredentials> {
  const { flagToken, env, domain, store, now, logger } = inputs;
  if (flagToken === "-") {
    const token = (await inputs.readStdin()).trim();
    return { token, source: "--token -", ...checkUserToken(token, "--token -", now) };
  }
  if (flagToken !== undefined) {
    logger.warn(
      "a token given with --token can be seen by other users of this machine (ps); prefer --token - (standard input) or INFISICAL_TOKEN",
    );
    const token = flagToken.trim();
    return { token, source: "--token", ...checkUserToken(token, "--token", now) };
  }

  let skippedEnvToken: string | undefined;
  const envToken = env.INFISICAL_TOKEN?.trim();
  if (envToken) {
    const kind = classifyToken(envToken);
    if (kind === "user") {
      return {
        token: envToken,
        source: "INFISICAL_TOKEN",
        ...checkUserToken(envToken, "INFISICAL_TOKEN", now),
      };
    }
    skippedEnvToken = describeTokenKind(kind);
    logger.debug(
      `INFISICAL_TOKEN holds ${skippedEnvToken}; it cannot act as a user, so the stored login is used`,
    );
  }

  const session = await store.get(domain.siteUrl);
  if (session) {
    const source = `the stored login for ${domain.siteUrl}`;
    return { token: session.token, source, ...checkUserToken(session.token, source, now) };
  }

  const notLoggedIn = `you are not logged in to ${domain.siteUrl}`;
  throw new AuthError(
    skippedEnvToken
      ? `INFISICAL_TOKEN holds ${skippedEnvToken}, which cannot create service tokens, and ${notLoggedIn}`
      : notLoggedIn,
    {
      details: skippedEnvToken ? ["service tokens can only be created by a logged-in user"] : [],
      hint: `run \`infisical login --domain ${domain.siteUrl}\`, or pass a user access token with --token`,
    },
  );
}
