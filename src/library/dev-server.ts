/**
 * The embedded Infisical dev server as a test fixture for other people's tests: in memory, on
 * 127.0.0.1 and a free port, with a demo user, organization and project (and whatever a seed
 * adds). `import { startDevServer } from "infisical-ts/dev-server"`.
 */
import { applySeed, applySeedFile, type SeedFile } from "../dev-server/seed-file.js";
import { startDevServer as start } from "../dev-server/server.js";
import { startInfo } from "../dev-server/start-info.js";
import { toInfisicalError } from "./errors.js";

export type { SeedFile };

export interface DevServerOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** More users, projects, organizations, tokens: the `dev-server --seed` format, or its file. */
  seed?: SeedFile | string;
  /** Ask for an MFA code at login (`mfaCode` says which). */
  mfa?: boolean;
}

/** The `dev-server --json` start line's fields, plus what a test needs. */
export interface DevServerFixture {
  url: string;
  apiUrl: string;
  email: string;
  password: string;
  organizationId: string;
  organizationName: string;
  projectId: string;
  projectName: string;
  environments: string[];
  mfaCode: string | null;
  /** A fresh user access token of the demo user (no login round-trip). */
  accessToken(): string;
  /** Stops the server; everything in it is gone. */
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServerFixture> {
  const server = await start({ port: options.port ?? 0, host: options.host, mfa: options.mfa });
  try {
    if (typeof options.seed === "string")
      await applySeedFile(options.seed, server.state, server.demo);
    else if (options.seed) applySeed(options.seed, server.state, server.demo);
  } catch (error) {
    await server.close();
    throw toInfisicalError(error);
  }
  return {
    ...startInfo(server, options.mfa === true),
    accessToken: () => server.issueToken(),
    close: () => server.close(),
  };
}
