import { homedir } from "node:os";
import { join } from "node:path";

/** INFISICAL_CONFIG_DIR, else $XDG_CONFIG_HOME/infisical-ts, else ~/.config/infisical-ts. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.INFISICAL_CONFIG_DIR?.trim()) return env.INFISICAL_CONFIG_DIR.trim();
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg ? xdg : join(env.HOME?.trim() || homedir(), ".config"), "infisical-ts");
}

export function sessionsFile(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), "sessions.json");
}
