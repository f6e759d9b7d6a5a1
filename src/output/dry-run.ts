import type { CommandContext } from "../context.js";

export interface DryRunRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  credentialSource: string;
  body: unknown;
  json: boolean;
}

/** The request exactly as it would be sent, with the credential shown only by where it came from. */
export function renderDryRun(ctx: CommandContext, request: DryRunRequest): void {
  const headers = {
    ...request.headers,
    Authorization: `Bearer <user access token from ${request.credentialSource}>`,
  };
  if (request.json) {
    ctx.stdout.write(
      `${JSON.stringify({ dryRun: true, method: request.method, url: request.url, headers, body: request.body }, null, 2)}\n`,
    );
    return;
  }
  ctx.logger.notice("dry run: nothing was sent; this is the request that would create the token");
  const lines = [
    `${request.method} ${request.url}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "",
    JSON.stringify(request.body, null, 2),
  ];
  ctx.stdout.write(`${lines.join("\n")}\n`);
}
