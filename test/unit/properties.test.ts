import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAccessLevels } from "../../src/core/access-level.js";
import { parseCustomHeaders } from "../../src/core/custom-headers.js";
import { parseDuration, parseExpirySeconds, MAX_EXPIRY_SECONDS } from "../../src/core/expiry.js";
import { splitListValue } from "../../src/core/list-value.js";
import { parseScopes } from "../../src/core/scope.js";
import { CliError } from "../../src/errors.js";

/** Runs `parse`; it may only succeed or fail with one of our errors, never crash. */
function outcome<T>(parse: () => T): { ok: true; value: T } | { ok: false; error: CliError } {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return { ok: false, error: error as CliError };
  }
}

const text = fc.string({ unit: "grapheme-ascii", maxLength: 60 });
const anyText = fc.oneof(
  text,
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", ",", '"', "{", "}", ":", "/"),
);
const slug = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const segment = fc.stringMatching(/^[A-Za-z0-9_.*-]{1,8}$/);

describe("parsers never crash (fast-check)", () => {
  it("scopes: valid input gives normalised, distinct scopes; anything else a usage error", () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 4 }), (values) => {
        const result = outcome(() => parseScopes(values));
        if (result.ok) {
          for (const s of result.value) {
            expect(s.secretPath.startsWith("/")).toBe(true);
            expect(s.secretPath === "/" || !s.secretPath.endsWith("/")).toBe(true);
            expect(s.environment).toMatch(/^[A-Za-z0-9_-]+$/);
          }
          const keys = result.value.map((s) => `${s.environment}:${s.secretPath}`);
          expect(new Set(keys).size).toBe(keys.length);
        } else {
          expect(result.error.exitCode).toBe(2);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("scopes built from valid parts always parse back to those parts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(slug, fc.array(segment, { maxLength: 4 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (parts) => {
          const values = parts.map(([env, segs]) => `${env}:/${segs.join("/")}`);
          const scopes = parseScopes([values.join(",")]);
          const expected = [
            ...new Map(parts.map(([env, segs]) => [`${env}:/${segs.join("/")}`, 0])).keys(),
          ];
          expect(scopes.map((s) => `${s.environment}:${s.secretPath}`)).toEqual(expected);
        },
      ),
    );
  });

  it("CSV splitting round-trips quoted items", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (items) => {
        const encoded = items.map((item) => `"${item.replaceAll('"', '""')}"`).join(",");
        expect(splitListValue(encoded, "--scope")).toEqual(items);
      }),
    );
  });

  it("access levels: only read and write, in that order, or a usage error", () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 4 }), (values) => {
        const result = outcome(() => parseAccessLevels(values));
        if (result.ok) {
          expect(["read", "write", "read,write"]).toContain(result.value.join(","));
        } else expect(result.error.exitCode).toBe(2);
      }),
      { numRuns: 2000 },
    );
  });

  it("durations and expiry seconds stay within 0..10 years", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        for (const parse of [parseDuration, parseExpirySeconds]) {
          const result = outcome(() => parse(value));
          if (result.ok) {
            expect(Number.isSafeInteger(result.value)).toBe(true);
            expect(result.value).toBeGreaterThanOrEqual(0);
            expect(result.value).toBeLessThanOrEqual(MAX_EXPIRY_SECONDS);
          } else expect(result.error.exitCode).toBe(2);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), (days) => {
        expect(parseDuration(`${days}d`)).toBe(days * 86_400);
      }),
    );
  });

  it("custom headers: names are tokens, values have no line breaks, reserved names dropped", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const result = outcome(() => parseCustomHeaders(value));
        if (result.ok) {
          for (const [name, headerValue] of Object.entries(result.value)) {
            expect(name).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
            expect(headerValue).not.toMatch(/[\r\n\0]/);
            expect(["user-agent", "accept"]).not.toContain(name.toLowerCase());
          }
        } else expect(result.error.exitCode).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });
});
