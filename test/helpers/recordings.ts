import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Exchanges recorded against a real Infisical server. The team keeps them in shared/real-server
 * beside the project; a copy lives in the repository so a clean clone tests the same way
 * (`npm run sync-recordings` refreshes it; a test fails when the copy is stale).
 */
export const RECORDINGS_DIR = resolve(import.meta.dirname, "../fixtures/real-server");
export const SHARED_RECORDINGS_DIR = resolve(import.meta.dirname, "../../../shared/real-server");

export interface Recording {
  name: string;
  note: string | null;
  request: {
    method: string;
    path: string;
    url: string;
    headers: { name: string; value: string }[];
    body_raw: string | null;
    body_json?: unknown;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    body_json: unknown;
    body_raw: string | null;
  };
}

export function recording(name: string): Recording {
  const file = readdirSync(RECORDINGS_DIR).find(
    (f) => f.startsWith(`${name}-`) || f === `${name}.json`,
  );
  if (!file) throw new Error(`no recording ${name} in ${RECORDINGS_DIR}`);
  return JSON.parse(readFileSync(resolve(RECORDINGS_DIR, file), "utf8")) as Recording;
}

/** The recordings whose number matches `numbers` (default: 01-99 and 100-199). */
export function allRecordings(numbers = /^(\d\d|1\d\d)-/): Recording[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((f) => numbers.test(f) && f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(resolve(RECORDINGS_DIR, f), "utf8")) as Recording);
}

/** The recorded answer, to be replayed by the dev server's fault injection. */
export function recordedAnswer(name: string): { status: number; body: string | object } {
  const { response } = recording(name);
  return {
    status: response.status,
    body: (response.body_json ?? response.body_raw ?? "") as object,
  };
}
