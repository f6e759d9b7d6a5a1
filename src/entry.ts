/**
 * The executable's entry (dist/cli.cjs): the quick answers first, then the full program. It
 * imports nothing else up front, so `--version` and `--help` cost one small file.
 */
import helpTexts from "virtual:help-texts";
import { fastAnswer } from "./fast-path.js";

declare const __INFISICAL_TS_VERSION__: string | undefined;

const version =
  typeof __INFISICAL_TS_VERSION__ === "string" ? __INFISICAL_TS_VERSION__ : "0.0.0-dev";
const answer = fastAnswer(process.argv.slice(2), version, helpTexts);
if (answer === undefined) void import("./bin.js").then(({ run }) => run(process.argv));
else process.stdout.write(answer);
