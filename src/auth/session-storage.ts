import { UsageError } from "../errors.js";

/**
 * Where a login's JWT is kept: `auto` (the OS keyring when one answers, else sessions.json),
 * `keyring` (only there: an error when it cannot), `file` (sessions.json, mode 600).
 */
export const STORAGE_CHOICES = ["auto", "keyring", "file"] as const;
export type StorageChoice = (typeof STORAGE_CHOICES)[number];

/** --storage, else INFISICAL_SESSION_STORAGE, else auto. */
export function storageChoice(flag: string | undefined, env: NodeJS.ProcessEnv): StorageChoice {
  const [value, source] =
    flag !== undefined
      ? [flag, "--storage"]
      : env.INFISICAL_SESSION_STORAGE?.trim()
        ? [env.INFISICAL_SESSION_STORAGE, "INFISICAL_SESSION_STORAGE"]
        : ["auto", ""];
  const choice = value.trim().toLowerCase();
  if ((STORAGE_CHOICES as readonly string[]).includes(choice)) return choice as StorageChoice;
  throw new UsageError(`invalid ${source} ${JSON.stringify(value)}`, {
    hint: "use auto (the OS keyring when one answers, else the file), keyring or file",
  });
}
