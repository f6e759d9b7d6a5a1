/**
 * What to tell the user if the process is interrupted now (Ctrl-C, SIGTERM): set while a request
 * that creates something is on its way, read by the signal handlers in bin.ts.
 */
let note: string | undefined;

export function setInterruptNote(text: string | undefined): void {
  note = text;
}

export function interruptNote(): string | undefined {
  return note;
}
