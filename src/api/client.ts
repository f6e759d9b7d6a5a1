import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { ZodType, ZodTypeDef } from "zod";
import type { Domain } from "../config/domain.js";
import type { CliError } from "../errors.js";
import type { Logger } from "../output/logger.js";
import { apiErrorFor } from "./error-table.js";
import { ApiError, MAYBE_CREATED, type Operation, type RequestContext } from "./errors.js";
import { parseRetryAfter, retryDelay, retryLine, type Outcome, type RetryMode } from "./retry.js";
import { apiErrorBodySchema } from "./schemas.js";
import {
  MAX_RESPONSE_BYTES,
  RESPONSE_TOO_LARGE,
  deadlineErrorFor,
  networkErrorFor,
  unexpectedResponseFor,
} from "./transport-errors.js";

/** Where requests go. */
export interface ClientTarget {
  domain: Domain;
  customHeaders: Record<string, string>;
}

export interface ApiClientOptions extends ClientTarget {
  timeoutSeconds: number;
  logger: Logger;
  /** How to wait between attempts (the runtime's clock). */
  sleep: (ms: number) => Promise<void>;
  /** The whole command's time on the network, retries included (--deadline). */
  deadlineSeconds?: number;
  /** Told what to say if the process is interrupted while a create is on its way. */
  noteInterrupt?: (note: string | undefined) => void;
  /** Called as a request starts; the function it returns, when it ends (a spinner). */
  onWaiting?: (siteUrl: string) => () => void;
}

export interface ApiRequest<T, B = never> {
  /** What the request does: the key of its answers' meanings in error-table.ts. */
  operation: Operation;
  method: "GET" | "POST" | "DELETE";
  /** Below the API base, e.g. `/v2/service-token`. */
  path: string;
  token?: string;
  body?: B;
  schema: ZodType<T, ZodTypeDef, unknown>;
  retry: RetryMode;
  /** The request creates something (a failure may leave it created). */
  creates?: boolean;
  /** What the request is about, for messages (a token id). */
  subject?: string;
  /**
   * For a request that removes something: the result when a retry finds it gone (an earlier
   * attempt removed it, and its answer was lost on the way).
   */
  onRetryNotFound?: () => T;
}

/** The server's own 404 for a missing entity (not a missing route, not a revoked session). */
function isEntityNotFound(error: CliError): boolean {
  return error instanceof ApiError && error.status === 404 && error.kind === "other";
}

/** The most specific code of a transport failure (Node's, or the first of an AggregateError). */
function errorCode(error: unknown): string {
  const err = error as {
    code?: unknown;
    message?: unknown;
    cause?: { code?: unknown };
    errors?: { code?: unknown }[];
  };
  if (typeof err.message === "string" && err.message.startsWith("maxContentLength"))
    return RESPONSE_TOO_LARGE;
  for (const candidate of [err.cause?.code, err.errors?.[0]?.code, err.code]) {
    if (
      typeof candidate === "string" &&
      candidate !== "ERR_BAD_RESPONSE" &&
      candidate !== "ERR_NETWORK"
    )
      return candidate;
  }
  if (typeof err.code === "string") return err.code;
  return "UNKNOWN";
}

/** The one place that performs API calls: headers, timeout, retries, validation, error mapping. */
export class ApiClient {
  private readonly http: AxiosInstance;

  /** When the command's time on the network runs out (epoch ms). */
  private readonly deadline: number;

  /**
   * The same client with the deadline starting again: for the steps of a command that come
   * after time spent off the network (exec deletes its token when the command it ran ends).
   */
  withFreshDeadline(): ApiClient {
    return new ApiClient(this.options);
  }

  constructor(private readonly options: ApiClientOptions) {
    this.deadline =
      options.deadlineSeconds === undefined
        ? Number.POSITIVE_INFINITY
        : Date.now() + options.deadlineSeconds * 1000;
    this.http = axios.create({
      // Node's http module; the fetch adapter is left out of the build (scripts/build.mjs).
      adapter: "http",
      baseURL: options.domain.apiBase,
      timeout: options.timeoutSeconds * 1000,
      // A redirect could carry the Authorization header somewhere else; refuse to follow.
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      transitional: {
        clarifyTimeoutError: true,
        silentJSONParsing: false,
        forcedJSONParsing: false,
      },
      validateStatus: () => true,
      headers: { ...options.customHeaders, "User-Agent": "cli", Accept: "application/json" },
    });
  }

  async send<T, B = never>(request: ApiRequest<T, B>): Promise<T> {
    const { logger, domain, timeoutSeconds } = this.options;
    const ctx: RequestContext = {
      operation: request.operation,
      method: request.method,
      url: `${domain.apiBase}${request.path}`,
      siteUrl: domain.siteUrl,
      creates: request.creates === true,
      subject: request.subject,
    };
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      logger.debug(`→ ${ctx.method} ${ctx.url}${attempt > 1 ? ` (attempt ${attempt})` : ""}`);
      let outcome: Outcome;
      let failure: CliError;
      const left = this.deadline - Date.now();
      if (left <= 0) throw deadlineErrorFor(ctx, this.options.deadlineSeconds ?? 0);
      // A request is bounded by --timeout, and by what is left of the command's deadline.
      const limitMs = Math.min(timeoutSeconds * 1000, left);
      if (ctx.creates) this.options.noteInterrupt?.(MAYBE_CREATED);
      const stopWaiting = this.options.onWaiting?.(ctx.siteUrl);
      try {
        const response = await this.http
          .request<string>({
            method: request.method,
            url: request.path,
            data: request.body === undefined ? undefined : JSON.stringify(request.body),
            headers: {
              ...(request.token ? { Authorization: `Bearer ${request.token}` } : {}),
              ...(request.body === undefined ? {} : { "Content-Type": "application/json" }),
            },
            // A hard cap on the whole exchange; axios's own timeout only watches for idleness.
            signal: AbortSignal.timeout(limitMs + 50),
            timeout: limitMs,
          })
          .finally(() => {
            if (ctx.creates) this.options.noteInterrupt?.(undefined);
            stopWaiting?.();
          });
        logger.debug(`← ${response.status} ${ctx.method} ${ctx.url} (${Date.now() - started} ms)`);
        if (response.status >= 200 && response.status < 300)
          return this.parseSuccess(response, request, ctx);
        const retryAfterMs = parseRetryAfter(
          response.headers["retry-after"] as string | undefined,
          Date.now(),
        );
        failure = this.errorFromResponse(response, ctx, retryAfterMs);
        // A retry told "not found" after an attempt whose answer was lost: that attempt did it.
        if (attempt > 1 && request.onRetryNotFound && isEntityNotFound(failure))
          return request.onRetryNotFound();
        outcome = { kind: "status", status: response.status, retryAfterMs };
      } catch (error) {
        if (!axios.isAxiosError(error)) throw error;
        const code =
          axios.isCancel(error) || error.code === "ECONNABORTED" ? "ETIMEDOUT" : errorCode(error);
        logger.debug(
          `✗ ${ctx.method} ${ctx.url}: ${code} ${error.message} (${Date.now() - started} ms)`,
        );
        failure = networkErrorFor(code, ctx, limitMs / 1000, error);
        outcome = { kind: "network", code };
      }
      const delay = retryDelay(outcome, attempt, waitedMs, request.retry);
      // No retry that would end after the command's deadline.
      if (delay === undefined || Date.now() + delay >= this.deadline) throw failure;
      logger.warn(retryLine(outcome, delay, attempt + 1));
      await this.options.sleep(delay);
      waitedMs += delay;
    }
  }

  private parseSuccess<T, B>(
    response: AxiosResponse<string>,
    request: ApiRequest<T, B>,
    ctx: RequestContext,
  ): T {
    const text = typeof response.data === "string" ? response.data : "";
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const why = /^\s*</.test(text)
        ? "it is an HTML page, not JSON"
        : text.trim() === ""
          ? "it is empty"
          : "it is not valid JSON (cut short?)";
      throw unexpectedResponseFor(response.status, why, ctx);
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      throw unexpectedResponseFor(
        response.status,
        `it does not have the expected fields (${where}${issue?.message})`,
        ctx,
      );
    }
    return parsed.data;
  }

  private errorFromResponse(
    response: AxiosResponse<string>,
    ctx: RequestContext,
    retryAfterMs?: number,
  ): CliError {
    const text = typeof response.data === "string" ? response.data : "";
    let body;
    try {
      const parsed = apiErrorBodySchema.safeParse(JSON.parse(text));
      body = parsed.success ? parsed.data : undefined;
    } catch {
      body = undefined;
    }
    return apiErrorFor({
      status: response.status,
      body,
      request: ctx,
      retryAfterMs,
      rawSnippet: text.slice(0, 200),
    });
  }
}
