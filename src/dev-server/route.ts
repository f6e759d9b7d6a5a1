import type { ZodTypeAny } from "zod";
import type { AuthDeps, AuthRequirement, Identity } from "./auth.js";
import type { MfaLockout } from "./mfa-lockout.js";

export interface ServerDeps extends AuthDeps {
  /** When on, select-organization asks for an MFA code (always `code`). */
  mfa: { enabled: boolean; code: string; lockout: MfaLockout };
}

/** A handler's answer that is not a plain 200 JSON body (cookies, non-standard error bodies). */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string | string[]> = {},
  ) {}
}

export interface RouteContext<Body = unknown> {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The request URL as sent (path and query), which the server quotes in some errors. */
  url: string;
  identity: Identity | null;
  body: Body;
  deps: ServerDeps;
  headers: Record<string, string | string[] | undefined>;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** e.g. `/api/v2/service-token/:serviceTokenId` */
  path: string;
  auth?: AuthRequirement;
  /** The /api/v3/auth/ routes check their own bearer token; identity injection skips them. */
  skipIdentity?: boolean;
  /** Validated like the real server's zod validator: a failure is a 422 with the issue array. */
  body?: ZodTypeAny;
  handle(ctx: RouteContext): unknown;
}

/** Defines a route whose handler sees the body type its schema produces. */
export function route<S extends ZodTypeAny | undefined = undefined>(
  definition: Omit<Route, "handle" | "body"> & {
    body?: S;
    handle(ctx: RouteContext<S extends ZodTypeAny ? S["_output"] : undefined>): unknown;
  },
): Route {
  return definition as Route;
}

export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(":")) {
      if (g === "") return undefined;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}
