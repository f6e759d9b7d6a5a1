/**
 * The executable's entry (dist/cli.cjs): the quick answers first, then the full program. It
 * loads nothing else up front, so `--version` and `--help` cost one small file.
 */
import helpTexts from "virtual:help-texts";
import { fastAnswer } from "./fast-path.js";
import { VERSION } from "./version.js";

const answer = fastAnswer(
  process.argv.slice(2),
  VERSION,
  helpTexts,
  process.stdout.isTTY ? process.stdout.columns : undefined,
);
if (answer === undefined) {
  void import("./startup/start-program.js").then(({ startProgram }) =>
    startProgram(process.argv, new Set(Object.keys(helpTexts))),
  );
} else process.stdout.write(answer);
