import { isLoopbackHost } from "../../config/domain.js";
import type { CommandContext } from "../../context.js";
import { applySeedFile } from "../../dev-server/seed-file.js";
import { startDevServer, type DevServer } from "../../dev-server/server.js";
import { CliError, UsageError } from "../../errors.js";
import { startInfo } from "../../dev-server/start-info.js";
import { humanStartInfo } from "./start-info.js";

export interface DevServerFlags {
  port: string;
  host: string;
  json?: boolean;
  mfa?: boolean;
  seed?: string;
  legacy?: boolean;
  privilegeDelay?: string;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65_535) {
    throw new UsageError(
      `invalid --port ${JSON.stringify(raw)}: use a number from 0 (any free port) to 65535`,
    );
  }
  return port;
}

async function listen(flags: DevServerFlags, ctx: CommandContext): Promise<DevServer> {
  const port = parsePort(flags.port);
  const privilegeDelaySeconds = privilegeDelay(flags.privilegeDelay);
  const host = flags.host.trim();
  if (!isLoopbackHost(host)) {
    ctx.logger.warn(
      `listening on ${host}: other machines can reach this server, and its demo password is public`,
    );
  }
  try {
    return await startDevServer({
      host,
      port,
      mfa: flags.mfa === true,
      legacy: flags.legacy === true,
      privilegeDelaySeconds,
      log: ctx.globals.debug ? (line) => ctx.logger.debug(line) : undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "EADDRINUSE"
        ? `port ${port} on ${host} is already in use`
        : `cannot listen on ${host}:${port}: ${(error as Error).message}`,
      { hint: "pick another --port, or --port 0 for any free one", cause: error },
    );
  }
}

function privilegeDelay(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const seconds = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || seconds > 3600) {
    throw new UsageError(
      `invalid --privilege-delay ${JSON.stringify(raw)}: use whole seconds from 0 to 3600`,
    );
  }
  return seconds;
}

export async function runDevServer(flags: DevServerFlags, ctx: CommandContext): Promise<void> {
  const server = await listen(flags, ctx);
  try {
    if (flags.seed) await applySeedFile(flags.seed, server.state, server.demo);
  } catch (error) {
    await server.close();
    throw error;
  }

  // Ctrl-C is how this command ends normally: stop cleanly and exit 0, not 130. The handlers go
  // in before the start line is printed, so a script may stop the server as soon as it reads it.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  const info = startInfo(server, flags.mfa === true);
  ctx.stdout.write(flags.json ? `${JSON.stringify(info)}\n` : humanStartInfo(info));
  await stopped;
  await server.close();
  if (!flags.json) ctx.logger.notice("dev server stopped");
}
