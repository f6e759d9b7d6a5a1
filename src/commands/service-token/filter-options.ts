import type { Command } from "commander";

/**
 * The filters `list` and `prune` share (src/core/token-filters.ts); all given must hold. Plain
 * definitions: the command tree loads this at start-up.
 */
export function addTokenFilterOptions(command: Command): Command {
  return command
    .option("--expired", "only tokens whose expiry has passed")
    .option("--expires-within <duration>", "only tokens still valid that expire within it, e.g. 7d")
    .option("--never-expires", "only tokens without an expiry")
    .option(
      "--unused-for <duration>",
      "only tokens not used for it, e.g. 30d (never used: since they were made)",
    )
    .option("--name <glob>", "only tokens whose name matches, e.g. 'ci-*' (* and ? as in a shell)")
    .option("--scope <env:path>", "only tokens whose scopes reach it (dev:/** reaches dev:/api)");
}
