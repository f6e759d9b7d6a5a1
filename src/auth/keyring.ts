/**
 * The OS keyring (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
 * through @napi-rs/keyring: one entry per domain, service "infisical-ts", holding the login's
 * JWT. The native module is loaded only when a login is stored or read there, and it is not
 * bundled: a build without it (the single executable) has no keyring, and says so.
 */

export const KEYRING_SERVICE = "infisical-ts";

/** Where JWTs can be kept apart from sessions.json. */
export interface SecretVault {
  read(domain: string): Promise<string | undefined>;
  write(domain: string, token: string): Promise<void>;
  /** True when there was an entry to remove. */
  remove(domain: string): Promise<boolean>;
}

/** The keyring could not be used: the module is missing, or no keyring service answered. */
export class KeyringUnavailable extends Error {
  override readonly name = "KeyringUnavailable";
}

function unavailable(error: unknown): KeyringUnavailable {
  const message = error instanceof Error ? error.message : String(error);
  return new KeyringUnavailable(message, { cause: error });
}

export async function openKeyring(): Promise<SecretVault> {
  let AsyncEntry: typeof import("@napi-rs/keyring").AsyncEntry;
  try {
    ({ AsyncEntry } = await import("@napi-rs/keyring"));
  } catch (error) {
    throw new KeyringUnavailable(
      `this build of infisical has no keyring support (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
      { cause: error },
    );
  }
  // On Linux only the Secret Service: the library would otherwise fall back to the kernel's
  // keyring, which forgets everything at logout or reboot, and would answer "nothing stored"
  // where the truth is "the Secret Service did not answer".
  const entry = (domain: string) =>
    new AsyncEntry(KEYRING_SERVICE, domain, { linux: { store: "secret-service" } });
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw unavailable(error);
    }
  };
  return {
    read: (domain) => guarded(async () => (await entry(domain).getPassword()) ?? undefined),
    write: (domain, token) => guarded(() => entry(domain).setPassword(token)),
    remove: (domain) => guarded(() => entry(domain).deletePassword()),
  };
}
