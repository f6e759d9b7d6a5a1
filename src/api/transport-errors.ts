/** Failures below HTTP (nothing, or not all, of an answer arrived) and 2xx answers that cannot be read. */
import {
  MAYBE_CREATED,
  requestLine,
  statusLine,
  TransportError,
  type RequestContext,
} from "./errors.js";
import { NOT_SENT_CODES } from "./retry.js";

/** Larger answers are refused: no route the CLI calls returns anything near this. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The code the client gives a refused oversized answer. */
export const RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "the host name could not be resolved",
  EAI_AGAIN: "the host name could not be resolved (DNS is not answering)",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ECONNRESET: "the connection was reset",
  EPIPE: "the connection was closed while sending",
  ETIMEDOUT: "no answer arrived in time",
  [RESPONSE_TOO_LARGE]: `the answer was larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB, so it was not read`,
};

/** TLS failed: the handshake never completed, so no request was sent (EPROTO: https:// to a plain-HTTP port). */
const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^EPROTO$/;

export function networkErrorFor(
  code: string,
  ctx: RequestContext,
  timeoutSeconds: number,
  cause: unknown,
): TransportError {
  const notSent = NOT_SENT_CODES.has(code);
  const details = [requestLine(ctx), `cause: ${code}`];
  if (TLS_CODES.test(code)) {
    return new TransportError("tls", `could not make a trusted TLS connection to ${ctx.siteUrl}`, {
      details,
      hint:
        code === "EPROTO"
          ? "the server did not speak TLS: check whether --domain should start with http:// (nothing was sent)"
          : "for a private certificate authority set NODE_EXTRA_CA_CERTS to its PEM file",
      cause,
    });
  }
  if (ctx.creates && !notSent) details.push(MAYBE_CREATED);
  if (code === "ETIMEDOUT") {
    return new TransportError(
      "timeout",
      `${ctx.siteUrl} did not answer within ${timeoutSeconds} s`,
      {
        details,
        hint: "raise the limit with --timeout <seconds>, or check the server and your network",
        cause,
      },
    );
  }
  const words = NETWORK_WORDS[code] ?? `the request failed (${code})`;
  return notSent
    ? new TransportError("unreachable", `could not reach ${ctx.siteUrl}: ${words}`, {
        details,
        hint: "check --domain (or INFISICAL_DOMAIN) and that the server is running and reachable",
        cause,
      })
    : new TransportError("broken-off", `the exchange with ${ctx.siteUrl} broke off: ${words}`, {
        details,
        hint: "check your network and the server, then try again",
        cause,
      });
}

/** A 2xx whose body is not what the contract says. */
export function unexpectedResponseFor(
  status: number,
  why: string,
  ctx: RequestContext,
): TransportError {
  return new TransportError("unreadable", `the server's answer could not be understood: ${why}`, {
    details: [statusLine(status), requestLine(ctx), ...(ctx.creates ? [MAYBE_CREATED] : [])],
    hint: "check --domain points at an Infisical server (not a proxy's page), and try again",
  });
}

/** The command's time on the network (--deadline) ran out before another attempt. */
export function deadlineErrorFor(ctx: RequestContext, deadlineSeconds: number): TransportError {
  return new TransportError(
    "timeout",
    `gave up: the command's deadline of ${deadlineSeconds} s has passed`,
    {
      details: [requestLine(ctx), ...(ctx.creates ? [MAYBE_CREATED] : [])],
      hint: "raise it with --deadline <seconds>, or check the server and your network",
    },
  );
}
