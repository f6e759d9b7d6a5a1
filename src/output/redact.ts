/**
 * Last line of defence: anything printed to the terminal in debug or error output passes through
 * here, so a credential that slips into a message is masked rather than shown.
 */
const TOKEN_PATTERNS: [RegExp, string][] = [
  [/\bst\.[A-Za-z0-9-]+\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?/g, "st.[REDACTED]"],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[REDACTED JWT]"],
  [/\b(Bearer)\s+[^\s"',]+/gi, "$1 [REDACTED]"],
];

const extraSecrets = new Set<string>();

/** Values that have no recognisable shape (a password) are registered to be masked verbatim. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) extraSecrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of extraSecrets) out = out.split(secret).join("[REDACTED]");
  for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
