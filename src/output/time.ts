/** [unit, seconds, used from]: weeks and months only from two of them, so 10 days stays days. */
const UNITS: [string, number, number][] = [
  ["year", 31_536_000, 31_536_000],
  ["month", 2_592_000, 5_184_000],
  ["week", 604_800, 1_209_600],
  ["day", 86_400, 86_400],
  ["hour", 3_600, 3_600],
  ["minute", 60, 60],
  ["second", 1, 1],
];

/**
 * "in 1 day", "in 2 hours", "3 minutes ago": the largest unit the time rounds to, rounded to the
 * nearest (a login made a moment ago for 10 days expires "in 10 days", not "in 9 days").
 */
export function formatRelative(date: Date, now: Date): string {
  const deltaSeconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(deltaSeconds);
  if (abs < 1) return "now";
  for (const [unit, seconds, from] of UNITS) {
    // A unit is used from 90 % of where it starts (23 hours is "1 day", 21 hours stays hours).
    if (abs >= from * 0.9 || unit === "second") {
      const count = Math.max(1, Math.round(abs / seconds));
      const phrase = `${count} ${unit}${count === 1 ? "" : "s"}`;
      return deltaSeconds > 0 ? `in ${phrase}` : `${phrase} ago`;
    }
  }
  return "now";
}

/** `2026-11-29 05:28 UTC`: readable, unambiguous, no locale surprises. */
export function formatTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `2026-11-29 05:28 UTC (in 1 day)`, or "never" when there is no date. */
export function formatMoment(iso: string | null | undefined, now: Date): string {
  if (!iso) return "never";
  const date = new Date(iso);
  return `${formatTimestamp(date)} (${formatRelative(date, now)})`;
}
