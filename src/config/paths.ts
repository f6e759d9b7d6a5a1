import { existsSync } from "node:fs";
// A default import, which the CLI's build turns into a module loaded on first use (lazyBuiltins
// in scripts/build/trim-dependencies.mjs): only a missing HOME, or Windows, needs node:os.
import os from "node:os";
import { join, posix, win32 } from "node:path";

const APP = "infisical-ts";

/** What the directories depend on besides the environment; tests give other platforms'. */
export interface PlatformFacts {
  platform: NodeJS.Platform;
  /** The user's profile (USERPROFILE on Windows): never HOME there, which Git Bash sets. */
  home: string;
  exists(path: string): boolean;
}

function thisPlatform(): PlatformFacts {
  return {
    platform: process.platform,
    get home() {
      return os.homedir();
    },
    exists: existsSync,
  };
}

type Kind = "config" | "cache";

/**
 * The INFISICAL_* override, else $XDG_*_HOME/infisical-ts, else the platform's place: on
 * Windows %APPDATA% (config, roams with the profile) or %LOCALAPPDATA% (cache), elsewhere
 * ~/.config or ~/.cache.
 */
function userDir(env: NodeJS.ProcessEnv, kind: Kind, facts: PlatformFacts): string {
  const override = (kind === "config" ? env.INFISICAL_CONFIG_DIR : env.INFISICAL_CACHE_DIR)?.trim();
  if (override) return override;
  const path = facts.platform === "win32" ? win32 : posix;
  const xdg = (kind === "config" ? env.XDG_CONFIG_HOME : env.XDG_CACHE_HOME)?.trim();
  if (xdg) return path.join(xdg, APP);
  const unixPlace = path.join(
    env.HOME?.trim() || facts.home,
    kind === "config" ? ".config" : ".cache",
    APP,
  );
  if (facts.platform !== "win32") return unixPlace;
  const base =
    kind === "config"
      ? env.APPDATA?.trim() || path.join(facts.home, "AppData", "Roaming")
      : env.LOCALAPPDATA?.trim() || path.join(facts.home, "AppData", "Local");
  const windowsPlace = path.join(base, APP);
  // Earlier versions used the Unix place on Windows too: it is read until the new one exists.
  return !facts.exists(windowsPlace) && facts.exists(unixPlace) ? unixPlace : windowsPlace;
}

/** INFISICAL_CONFIG_DIR, else $XDG_CONFIG_HOME/infisical-ts, else the platform's config place. */
export function configDir(env: NodeJS.ProcessEnv, facts: PlatformFacts = thisPlatform()): string {
  return userDir(env, "config", facts);
}

/**
 * INFISICAL_CACHE_DIR, else $XDG_CACHE_HOME/infisical-ts, else the platform's cache place: files
 * that only make the CLI faster and can be deleted at any time.
 */
export function cacheDir(env: NodeJS.ProcessEnv, facts: PlatformFacts = thisPlatform()): string {
  return userDir(env, "cache", facts);
}

export function sessionsFile(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), "sessions.json");
}
