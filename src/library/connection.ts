import { ApiClient } from "../api/client.js";
import { SessionStore } from "../auth/session-store.js";
import { DEFAULT_DOMAIN, parseDomain, type Domain } from "../config/domain.js";
import { sessionsFile } from "../config/paths.js";
import { checkUserToken } from "../core/jwt-claims.js";
import { AuthError } from "../errors.js";
import type { Logger } from "../output/logger.js";
import { sleep } from "../runtime.js";

/** Where to send requests and as whom. */
export interface ConnectionOptions {
  /** The Infisical instance (default https://app.infisical.com); `…/api` is accepted too. */
  domain?: string;
  /**
   * A user access token (a JWT, as `login` returns it). Without one, the login that
   * `infisical login` stored for the domain is used.
   */
  accessToken?: string;
  /** Where stored logins are (default: the CLI's: INFISICAL_CONFIG_DIR, XDG, the platform's). */
  configDir?: string;
  /** Seconds per request (default 30); retries and their waits come on top. */
  timeoutSeconds?: number;
  /** Time limit of the whole call on the network, retries included (default 180 s). */
  deadlineSeconds?: number;
  /** Extra headers for every request (never User-Agent or Accept). */
  headers?: Record<string, string>;
}

/** The library never prints: nothing to say, nowhere to say it. */
export const SILENT: Logger = {
  notice: () => undefined,
  success: () => undefined,
  failure: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
};

export function domainOf(options: Pick<ConnectionOptions, "domain">): Domain {
  return parseDomain(options.domain ?? DEFAULT_DOMAIN, "the domain option");
}

export function clientOf(options: ConnectionOptions, domain = domainOf(options)): ApiClient {
  return new ApiClient({
    domain,
    customHeaders: options.headers ?? {},
    timeoutSeconds: options.timeoutSeconds ?? 30,
    deadlineSeconds: options.deadlineSeconds ?? 180,
    logger: SILENT,
    sleep,
  });
}

export function sessionStoreOf(options: Pick<ConnectionOptions, "configDir">): SessionStore {
  const env = options.configDir ? { INFISICAL_CONFIG_DIR: options.configDir } : process.env;
  return new SessionStore(sessionsFile(env));
}

/** The client and the user behind it: the access token given, or the domain's stored login. */
export async function userConnection(options: ConnectionOptions) {
  const domain = domainOf(options);
  const client = clientOf(options, domain);
  let token = options.accessToken?.trim();
  let source = "the accessToken option";
  if (!token) {
    const session = await sessionStoreOf(options).get(domain.siteUrl);
    if (!session) {
      throw new AuthError(`not logged in to ${domain.siteUrl}`, {
        hint: `pass accessToken, or log in first (login(), or \`infisical login --domain ${domain.siteUrl}\`)`,
      });
    }
    token = session.token;
    source = `the stored login for ${domain.siteUrl}`;
  }
  const facts = checkUserToken(token, source, new Date());
  return { domain, client, credentials: { token, organizationId: facts.organizationId } };
}
