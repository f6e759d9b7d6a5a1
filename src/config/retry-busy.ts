/**
 * Error codes that mean "someone holds this file right now" rather than a real refusal. On
 * Windows an antivirus scanner, the search indexer or another infisical process holding a file
 * open makes rename, open and unlink fail with EPERM, EACCES or EBUSY for a moment (npm's file
 * layer retries for the same reason); elsewhere EPERM and EACCES are real permission errors.
 */
export function busyCodes(platform: NodeJS.Platform): ReadonlySet<string> {
  return new Set(platform === "win32" ? ["EPERM", "EACCES", "EBUSY"] : ["EBUSY"]);
}

export interface RetryBusyOptions {
  platform?: NodeJS.Platform;
  /** How long to keep trying, in all (default 3 s). */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `operation`, again after a growing pause (10 ms doubling, at most 400 ms) while busy. */
export async function retryBusy<T>(
  operation: () => Promise<T>,
  { platform = process.platform, budgetMs = 3_000, sleep = wait }: RetryBusyOptions = {},
): Promise<T> {
  const busy = busyCodes(platform);
  let waited = 0;
  for (let pause = 10; ; pause = Math.min(pause * 2, 400)) {
    try {
      return await operation();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined || !busy.has(code) || waited >= budgetMs) throw error;
      await sleep(pause);
      waited += pause;
    }
  }
}
