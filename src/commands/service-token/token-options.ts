import type { Command } from "commander";
import { ACCESS_LEVELS, DURATION_EXAMPLES, listInWords } from "../../core/flag-values.js";
import { PROJECT_ID_OPTION, projectIdAlias } from "../shared-options.js";

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** What a new token may reach, and in which project: create and exec. */
export function addScopeOptions(command: Command): Command {
  return command
    .option(
      "-s, --scope <env:path>",
      "environment and folder the token may use: dev:/ is the root folder only, dev:/** every folder (repeatable, comma-separated)",
      collect,
    )
    .option(
      "-a, --access-level <level>",
      `${listInWords(ACCESS_LEVELS)} (repeatable, comma-separated)`,
      collect,
    )
    .option(...PROJECT_ID_OPTION)
    .addOption(projectIdAlias());
}

/** How long a new token lives: create, exec and rotate, each with its own default. */
export function addExpiryOptions(command: Command, defaultInWords: string): Command {
  return command
    .option(
      "-e, --expiry-seconds <seconds>",
      `seconds until the token expires, 0 = never (default: ${defaultInWords})`,
    )
    .option("--expires-in <duration>", `expiry as a duration: ${listInWords(DURATION_EXAMPLES)}`);
}
