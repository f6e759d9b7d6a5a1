import type { CommandContext } from "../context.js";

export interface PlannedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface DryRunRequest extends PlannedRequest {
  credentialSource: string;
  json: boolean;
}

/**
 * The credential is shown only by where it came from. A request that names its own
 * Authorization keeps it (a placeholder); an empty one means the request sends none.
 */
function withCredential(request: PlannedRequest, credentialSource: string): PlannedRequest {
  const { Authorization: own, ...headers } = request.headers;
  if (own === "") return { ...request, headers };
  return {
    ...request,
    headers: {
      ...headers,
      Authorization: own ?? `Bearer <user access token from ${credentialSource}>`,
    },
  };
}

function requestText({ method, url, headers, body }: PlannedRequest): string {
  const lines = [
    `${method} ${url}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  if (body !== undefined) lines.push("", JSON.stringify(body, null, 2));
  return `${lines.join("\n")}\n`;
}

/** The request exactly as it would be sent (create --dry-run: one JSON object). */
export function renderDryRun(ctx: CommandContext, request: DryRunRequest): void {
  const { credentialSource, json, ...planned } = request;
  const shown = withCredential(planned, credentialSource);
  if (json) {
    ctx.stdout.write(`${JSON.stringify({ dryRun: true, ...shown }, null, 2)}\n`);
    return;
  }
  ctx.logger.notice("dry run: nothing was sent; this is the request that would create the token");
  ctx.stdout.write(requestText(shown));
}

/** Several requests, in the order they would be sent (rotate --dry-run). */
export function renderDryRunSteps(
  ctx: CommandContext,
  steps: { what: string; request: PlannedRequest }[],
  options: { credentialSource: string; json: boolean },
): void {
  const shown = steps.map(({ what, request }) => ({
    what,
    ...withCredential(request, options.credentialSource),
  }));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify({ dryRun: true, requests: shown }, null, 2)}\n`);
    return;
  }
  ctx.logger.notice(`dry run: nothing was sent; these are the ${steps.length} requests, in order`);
  ctx.stdout.write(
    shown
      .map(({ what, ...request }, i) => `# ${i + 1}. ${what}\n${requestText(request)}`)
      .join("\n"),
  );
}
