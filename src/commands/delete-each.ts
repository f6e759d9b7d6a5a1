import { ApiError, failureReason } from "../api/errors.js";
import type { CommandContext } from "../context.js";
import { CliError, ExitCode } from "../errors.js";

/** What is deleted: its name for messages, how, and where to check ids. */
export interface Deletion {
  /** The thing deleted, one and several: ["token", "tokens"]. */
  nouns: readonly [string, string];
  /** The deleted thing's name, or undefined when a retry found it gone. */
  remove(id: string): Promise<{ name: string } | undefined>;
  /** Where the user finds the right ids. */
  listCommand: string;
}

/** One line of `delete --json`, `prune --json` and `identity delete --json`. */
export type DeleteResult =
  | { id: string; deleted: true; name: string | null }
  | { id: string; deleted: false; error: string; status?: number };

/** A refusal of the login itself: every other id would be refused the same way. */
function refusesTheLogin(error: CliError): boolean {
  return (
    error.exitCode === ExitCode.auth &&
    !(error instanceof ApiError && error.kind === "project-in-other-organization")
  );
}

/**
 * Deletes one by one, reporting each as it goes (or as JSON at the end), and fails (exit 1)
 * after the last if any could not be deleted. A refused login stops at once.
 */
export async function deleteEach(
  ids: readonly string[],
  deletion: Deletion,
  ctx: CommandContext,
  json: boolean,
): Promise<void> {
  const results: DeleteResult[] = [];
  let otherOrganization = false;
  for (const id of ids) {
    try {
      const deleted = await deletion.remove(id);
      results.push({ id, deleted: true, name: deleted?.name ?? null });
      if (!json)
        ctx.logger.success(`deleted ${id}${deleted ? ` (${JSON.stringify(deleted.name)})` : ""}`);
    } catch (error) {
      if (!(error instanceof CliError) || refusesTheLogin(error)) throw error;
      if (error instanceof ApiError && error.kind === "project-in-other-organization")
        otherOrganization = true;
      const reason = failureReason(error);
      results.push({
        id,
        deleted: false,
        error: reason,
        ...(error instanceof ApiError ? { status: error.status } : {}),
      });
      if (!json) ctx.logger.failure(`${id}: ${reason}`);
    }
  }
  if (json) ctx.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => !r.deleted).length;
  if (failed > 0) {
    throw new CliError(
      `${failed} of ${results.length} ${deletion.nouns[results.length === 1 ? 0 : 1]} could not be deleted`,
      {
        hint: otherOrganization
          ? "a token of a project in another of your organizations is deleted with a login to that organization: `infisical login --organization-id <id>`"
          : `check the ids with \`${deletion.listCommand}\``,
      },
    );
  }
}
