/**
 * The server returns `st.<id>.<secret>`; like the web app and the Go CLI we append the request's
 * random hex as a fourth segment. The server ignores everything after the third segment.
 */
export function composeServiceToken(serverToken: string, randomHex: string): string {
  return `${serverToken}.${randomHex}`;
}

export const RANDOM_BYTES_LENGTH = 16;
