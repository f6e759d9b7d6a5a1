import type { z, ZodTypeAny } from "zod";
import type { AuthDeps, AuthMode, Identity } from "./auth.js";

export interface ServerDeps extends AuthDeps {
  /** When on, select-organization asks for an MFA code (always `code`). */
  mfa: { enabled: boolean; code: string };
}

/** A 200 answer with headers of its own (the refresh cookie). */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly headers: Record<string, string | string[]>,
  ) {}
}

/** An answer outside the server's usual error shape: a status and a body of its own. */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** `/api/v1/projects/:projectId` -> `{ projectId: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** The identity a route's handler sees: narrowed to the modes it accepts, or none checked. */
export type IdentityFor<M extends AuthMode> = [M] extends [never]
  ? Identity | null
  : Extract<Identity, { mode: M }>;

/**
 * What a handler returns for its response schema (the one the CLI validates the answer with):
 * every field the schema has; the real server's extra fields are allowed.
 */
export type ResponseOf<R extends ZodTypeAny> = z.input<R> & Record<string, unknown>;

export interface RouteContext<Body, Id, Params> {
  params: Params;
  query: URLSearchParams;
  /** The request URL as sent (path and query), which the server quotes in some errors. */
  url: string;
  identity: Id;
  body: Body;
  deps: ServerDeps;
  headers: Record<string, string | string[] | undefined>;
}

export interface RouteDefinition<
  P extends string,
  S extends ZodTypeAny | undefined,
  R extends ZodTypeAny,
  M extends AuthMode,
> {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** e.g. `/api/v2/service-token/:serviceTokenId` */
  path: P;
  /** verifyAuth: which credentials the route takes, and whether a JWT needs an organization. */
  auth?: { modes: readonly M[]; requireOrg?: boolean };
  /** The /api/v3/auth/ routes check their own bearer token; identity injection skips them. */
  skipIdentity?: boolean;
  /** Validated like the real server's zod validator: a failure is a 422 with the issue array. */
  body?: S;
  /** The schema of a 200 answer, shared with the client. */
  response: R;
  handle(
    ctx: RouteContext<
      S extends ZodTypeAny ? z.output<S> : undefined,
      IdentityFor<M>,
      PathParams<P>
    >,
  ): ResponseOf<R> | Reply<ResponseOf<R>> | RawResponse;
}

/** A route as the server runs it, whatever its types. */
export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  auth?: { modes: readonly AuthMode[]; requireOrg?: boolean };
  skipIdentity?: boolean;
  body?: ZodTypeAny;
  handle(ctx: RouteContext<unknown, Identity | null, Record<string, string>>): unknown;
}

/**
 * Defines a route whose handler sees the body its request schema produces, the identity its
 * auth modes allow and the parameters its path names, and must return what its response
 * schema describes. The server checks auth before calling it, which is what makes the
 * narrowed types true.
 */
export function route<
  P extends string,
  R extends ZodTypeAny,
  S extends ZodTypeAny | undefined = undefined,
  M extends AuthMode = never,
>(definition: RouteDefinition<P, S, R, M>): Route {
  return definition as unknown as Route;
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
