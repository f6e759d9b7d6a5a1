/** Windows tools (PowerShell 5.1, Notepad before 2019) start UTF-8 text with U+FEFF. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}
