/**
 * The one redaction point: everything written to stdout and stderr passes through a run's
 * redactor (output/guarded-streams.ts), so a credential that slips into any output (a server
 * echoing the Authorization header into a token name, a flag value in commander's error) is
 * masked. Only what the user asked to see (the created token, `login --plain`) bypasses it.
 */
const TOKEN_PATTERNS: [RegExp, string][] = [
  // An Authorization value, after a space or its URL encoding: any Bearer value; a Basic or
  // Token value when it looks like one (those words also occur in plain English).
  // (`Bearer <…>` is a placeholder the CLI prints itself, as in --dry-run.)
  [/\b([Bb]earer)(\s+|%20|\+)(?!<)[^\s"',]+/g, "$1 [REDACTED]"],
  [/\b(Basic|Token)(\s+|%20|\+)[A-Za-z0-9+/=._~-]{8,}/g, "$1 [REDACTED]"],
  // A service token, also glued to other text (`key_st.…`, `Bearer%20st.…`).
  [/(?<![A-Za-z])st\.[A-Za-z0-9-]+\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?/g, "st.[REDACTED]"],
  // A JWT wherever it stands: every JWT starts with the base64 of `{"`.
  [/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[REDACTED JWT]"],
  // Credentials in a URL (`https://user:password@proxy`).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:"']+:[^\s/@"']*@/gi, "$1[REDACTED]@"],
];

/** Secrets this short would mask ordinary words; they are masked where they stand alone. */
const SHORT = 4;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The forms a secret takes in output: as typed, JSON-escaped, URL-encoded. */
function spellings(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}

/** Masks the credential shapes above, and the values registered with it (a typed password). */
export interface Redactor {
  redact(text: string): string;
  registerSecret(value: string | undefined): void;
}

export function createRedactor(): Redactor {
  const secrets: RegExp[] = [];
  return {
    registerSecret(value) {
      if (!value) return;
      for (const form of spellings(value)) {
        const pattern = escapeRegExp(form);
        secrets.push(
          new RegExp(
            form.length < SHORT ? `(?<![A-Za-z0-9])${pattern}(?![A-Za-z0-9])` : pattern,
            "g",
          ),
        );
      }
      // Longest first, so that one spelling inside another is masked whole.
      secrets.sort((a, b) => b.source.length - a.source.length);
    },
    redact(text) {
      let out = text;
      for (const secret of secrets) out = out.replace(secret, "[REDACTED]");
      for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
      return out;
    },
  };
}
