import type { Command } from "commander";
import { isLoopbackHost } from "../config/domain.js";
import { createContext } from "../context.js";
import { applySeedFile } from "../dev-server/seed-file.js";
import { DEMO_PASSWORD } from "../dev-server/seed.js";
import { DEMO_MFA_CODE, startDevServer, type DevServer } from "../dev-server/server.js";
import { CliError, UsageError } from "../errors.js";
import type { DevServerFlags } from "./dev-server.js";

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65_535) {
    throw new UsageError(
      `invalid --port ${JSON.stringify(raw)}: use a number from 0 (any free port) to 65535`,
    );
  }
  return port;
}

/** What a person or a script needs to start using the server. */
export function startInfo(server: DevServer, mfa: boolean) {
  const { demo } = server;
  return {
    url: server.url,
    apiUrl: `${server.url}/api`,
    email: demo.user.email,
    password: DEMO_PASSWORD,
    organizationId: demo.organization.id,
    organizationName: demo.organization.name,
    projectId: demo.project.id,
    projectName: demo.project.name,
    environments: demo.project.environments.map((e) => e.slug),
    mfaCode: mfa ? DEMO_MFA_CODE : null,
  };
}

function humanStartInfo(info: ReturnType<typeof startInfo>): string {
  const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;
  return [
    `Infisical dev server running at ${info.url} (API ${info.apiUrl})`,
    "Everything is kept in memory and lost when it stops. Press Ctrl-C to stop.",
    "",
    row("Email", info.email),
    row("Password", info.password),
    ...(info.mfaCode ? [row("MFA code", info.mfaCode)] : []),
    row("Organization", `${info.organizationName} (${info.organizationId})`),
    row("Project", `${info.projectName} (${info.projectId})`),
    row("Environments", info.environments.join(", ")),
    "",
    "Try it from another terminal:",
    `  export INFISICAL_DOMAIN=${info.url}`,
    `  echo '${info.password}' | infisical login --email ${info.email} --password-stdin${info.mfaCode ? ` --mfa-code ${info.mfaCode}` : ""}`,
    `  infisical service-token create --projectId ${info.projectId} --scope dev:/ --access-level read`,
    "",
  ].join("\n");
}

export async function runDevServer(flags: DevServerFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
  const port = parsePort(flags.port);
  const host = flags.host.trim();
  if (!isLoopbackHost(host)) {
    ctx.logger.warn(
      `listening on ${host}: other machines can reach this server, and its demo password is public`,
    );
  }
  let server: DevServer;
  try {
    server = await startDevServer({
      host,
      port,
      mfa: flags.mfa === true,
      legacy: flags.legacy === true,
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
  try {
    if (flags.seed) await applySeedFile(flags.seed, server.state, server.demo);
  } catch (error) {
    await server.close();
    throw error;
  }

  // Ctrl-C is how this command ends normally: stop cleanly and exit 0, not 130. The handlers go
  // in before the start line is printed, so a script may stop the server as soon as it reads it.
  process.removeAllListeners("SIGINT");
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
