import { homedir } from "node:os";
import { join } from "node:path";

/** `override`, else $<xdgVariable>/infisical-ts, else ~/<homeFallback>/infisical-ts. */
function userDir(
  env: NodeJS.ProcessEnv,
  override: string | undefined,
  xdgVariable: "XDG_CONFIG_HOME" | "XDG_CACHE_HOME",
  homeFallback: string,
): string {
  if (override?.trim()) return override.trim();
  const xdg = env[xdgVariable]?.trim();
  return join(xdg ? xdg : join(env.HOME?.trim() || homedir(), homeFallback), "infisical-ts");
}

/** INFISICAL_CONFIG_DIR, else $XDG_CONFIG_HOME/infisical-ts, else ~/.config/infisical-ts. */
export function configDir(env: NodeJS.ProcessEnv): string {
  return userDir(env, env.INFISICAL_CONFIG_DIR, "XDG_CONFIG_HOME", ".config");
}

/**
 * INFISICAL_CACHE_DIR, else $XDG_CACHE_HOME/infisical-ts, else ~/.cache/infisical-ts: files
 * that only make the CLI faster and can be deleted at any time.
 */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return userDir(env, env.INFISICAL_CACHE_DIR, "XDG_CACHE_HOME", ".cache");
}

export function sessionsFile(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), "sessions.json");
}
