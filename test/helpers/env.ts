import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A new directory, by its real path: macOS's temporary directory is behind a link (/private). */
export function tempDir(prefix = "infisical-ts-test-"): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/**
 * A clean environment: nothing from the developer's shell (no INFISICAL_*, no real HOME), no
 * colour, a private config directory unless the test gives one, and logins kept in it.
 */
export function baseEnv(home = tempDir()): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    INFISICAL_CONFIG_DIR: join(home, "config"),
    NO_COLOR: "1",
    // Never the developer's keyring: the keyring tests (test/keyring/) use a private one.
    INFISICAL_SESSION_STORAGE: "file",
  };
}

/** baseEnv with `extra` on top; a variable set to undefined is removed. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...baseEnv(), ...extra })) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}
