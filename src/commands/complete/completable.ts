/** What the shell may ask `infisical __complete` for (a module the definition loads at start-up). */
export const COMPLETABLE = ["environments", "projects", "tokens", "identities"] as const;
