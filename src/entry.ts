/**
 * The executable's entry (dist/cli.cjs): the quick answers first, then the full program. It
 * loads nothing else up front, so `--version` and `--help` cost one small file.
 */
import { fstatSync, writeSync } from "node:fs";
import helpTopics from "virtual:help-topics";
import { fastAnswer } from "./fast-path.js";
import { readerIsGone } from "./process-signals.js";
import { readHelpTexts } from "./startup/help-file.js";
import { VERSION } from "./version.js";

const STDOUT = 1;

/**
 * Only a terminal (a character device) has a width; asking process.stdout would build the
 * stream, which loads node:stream and friends: 3-4 ms of a 30 ms start on Node 22 and 24.
 */
function terminalColumns(): number | undefined {
  try {
    return fstatSync(STDOUT).isCharacterDevice() ? process.stdout.columns : undefined;
  } catch {
    return undefined;
  }
}

/** Writes without building process.stdout; a closed reader (`| head -1`) ends it quietly. */
function writeAnswer(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(STDOUT, bytes, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A non-blocking pipe that is full: the stream waits for it where a plain write cannot.
    if (code === "EAGAIN") process.stdout.write(bytes.subarray(written));
    else if (!readerIsGone(code)) throw error;
  }
}

const topics = new Set(helpTopics);
const helpFor = (topic: string) => (topics.has(topic) ? readHelpTexts()?.[topic] : undefined);
const answer = fastAnswer(process.argv.slice(2), VERSION, helpFor, terminalColumns());
if (answer === undefined) {
  void import("./startup/start-program.js").then(({ startProgram }) =>
    startProgram(process.argv, topics),
  );
} else writeAnswer(answer);
