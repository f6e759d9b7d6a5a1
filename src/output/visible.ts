/**
 * Server and file data shown to a person: control characters are made visible, so a token named
 * `\e]0;pwned\a` cannot set the window title, clear the screen or write to the clipboard, and a
 * newline cannot forge a row or an error line. C1 controls (`\u009b` is a CSI of its own) and the
 * bidirectional overrides (which can reorder what is shown) count as control characters too.
 */
const NAMED: Record<string, string> = {
  "\u001b": "\\e",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\v": "\\v",
  "\u0000": "\\0",
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(
    CONTROL,
    (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
