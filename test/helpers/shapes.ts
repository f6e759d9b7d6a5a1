import { expect } from "vitest";

/** Comparing a dev server answer with a recorded one: field types, not values. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export type Shape = string | Shape[] | { [key: string]: Shape };

/** Field names and types, recursively; for arrays the shape of the first element. */
export function shape(value: unknown): Shape {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}

/**
 * Shapes agree when every field has the same type, where null (a nullable field that happens to
 * be empty) and [] (an empty list) agree with any value of that field.
 */
export function sameShape(actual: Shape, expected: Shape): boolean {
  if (actual === "null" || expected === "null") return true;
  if (Array.isArray(actual) || Array.isArray(expected)) {
    if (!Array.isArray(actual) || !Array.isArray(expected)) return false;
    if (actual.length === 0 || expected.length === 0) return true;
    return sameShape(actual[0] as Shape, expected[0] as Shape);
  }
  if (typeof actual === "object" || typeof expected === "object") {
    if (typeof actual !== "object" || typeof expected !== "object") return false;
    const keys = Object.keys(expected);
    if (Object.keys(actual).sort().join() !== keys.sort().join()) return false;
    return keys.every((k) => sameShape(actual[k] as Shape, expected[k] as Shape));
  }
  return actual === expected;
}

export function normalise(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null)
      .replace(UUID, "<uuid>")
      .replace(/req-\w{14}/g, "<reqId>"),
  );
}

/**
 * The dev server's answer against a recorded one: the same status and body shape, and for an
 * error the same error name, message and details (ids and request ids aside).
 */
export function expectLikeRecorded(
  actual: { status: number; body: unknown },
  recorded: { status: number; body_json: unknown },
  options: { details?: boolean } = {},
): void {
  expect(actual.status, JSON.stringify(actual.body)).toBe(recorded.status);
  const [ours, theirs] = [shape(actual.body), shape(recorded.body_json)];
  if (!sameShape(ours, theirs)) expect(ours).toEqual(theirs);
  if (recorded.status >= 400) {
    const a = normalise(actual.body) as Record<string, unknown>;
    const e = normalise(recorded.body_json) as Record<string, unknown>;
    const fields = (x: Record<string, unknown>) =>
      options.details ? [x.error, x.message, x.details] : [x.error, x.message];
    expect(fields(a)).toEqual(fields(e));
  }
}
