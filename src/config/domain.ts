import { CliError, UsageError } from "../errors.js";

export const DEFAULT_DOMAIN = "https://app.infisical.com";

/** An Infisical instance: `siteUrl` is what people type and sessions are keyed by. */
export interface Domain {
  siteUrl: string;
  apiBase: string;
}

export type DomainSource =
  | "--domain"
  | "INFISICAL_DOMAIN"
  | "INFISICAL_API_URL"
  | ".infisical.json"
  | "stored login"
  | "default";

/**
 * Accepts `https://host`, `https://host/`, `https://host/api`, `https://host/prefix/api/`.
 * Query strings and fragments are refused: they would end up in every request URL.
 */
/** Longer is no Infisical address; it is not echoed whole either. */
const MAX_DOMAIN_LENGTH = 2048;

export function parseDomain(raw: string, source: string): Domain {
  const text = raw.trim();
  const fail = (why: string) => {
    const message = `invalid domain from ${source}: ${why}`;
    const shown =
      raw.length > 200
        ? `${JSON.stringify(raw.slice(0, 200))}… (${raw.length} characters)`
        : JSON.stringify(raw);
    const options = {
      details: [`value: ${shown}`],
      hint: "use the address of your Infisical instance, e.g. https://app.infisical.com or https://infisical.example.com",
    };
    return source === "--domain"
      ? new UsageError(message, options)
      : new CliError(message, options);
  };
  if (text === "") throw fail("it is empty");
  if (text.length > MAX_DOMAIN_LENGTH)
    throw fail(`it is longer than ${MAX_DOMAIN_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail("not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw fail("it must start with https:// or http://");
  if (url.search || url.hash) throw fail("it must not have a query string or fragment");
  if (url.username || url.password) throw fail("it must not contain credentials");
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api$/, "");
  const siteUrl = `${url.origin}${path}`;
  return { siteUrl, apiBase: `${siteUrl}/api` };
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** True when credentials would cross a network in clear text. */
export function isInsecureRemote(domain: Domain): boolean {
  const url = new URL(domain.siteUrl);
  return url.protocol === "http:" && !isLoopbackHost(url.hostname);
}

export interface DomainInputs {
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** `domain` of the nearest .infisical.json, with the file's path. */
  projectFile?: { domain?: string | undefined; filepath: string } | undefined;
  /** Site URL of the most recent stored login. */
  latestLogin?: string | undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** First match wins: flag, INFISICAL_DOMAIN, INFISICAL_API_URL, .infisical.json, last login, cloud. */
export function resolveDomain(inputs: DomainInputs): { domain: Domain; source: DomainSource } {
  const candidates: [DomainSource, string | undefined, string][] = [
    // An empty --domain is a mistake to report, not a reason to fall back to another domain.
    ["--domain", inputs.flag, "--domain"],
    ["INFISICAL_DOMAIN", nonEmpty(inputs.env.INFISICAL_DOMAIN), "INFISICAL_DOMAIN"],
    ["INFISICAL_API_URL", nonEmpty(inputs.env.INFISICAL_API_URL), "INFISICAL_API_URL"],
    [".infisical.json", nonEmpty(inputs.projectFile?.domain), inputs.projectFile?.filepath ?? ""],
    ["stored login", nonEmpty(inputs.latestLogin), "the stored login"],
  ];
  for (const [source, value, label] of candidates) {
    if (value !== undefined) return { domain: parseDomain(value, label), source };
  }
  return { domain: parseDomain(DEFAULT_DOMAIN, "default"), source: "default" };
}
