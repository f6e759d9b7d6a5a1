import type { ApiClient } from "../../api/client.js";
import { ApiError, failureReason } from "../../api/errors.js";
import { deleteServiceToken } from "../../api/service-tokens.js";
import type { CommandContext } from "../../context.js";
import { CliError, ExitCode } from "../../errors.js";

/** One line of `delete --json` and `prune --json`. */
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
 * Deletes the tokens one by one, reporting each as it goes (or as JSON at the end), and fails
 * (exit 1) after the last if any could not be deleted. A refused login stops at once.
 */
export async function deleteEach(
  ids: readonly string[],
  connection: { client: ApiClient; token: string },
  ctx: CommandContext,
  json: boolean,
): Promise<void> {
  const results: DeleteResult[] = [];
  let otherOrganization = false;
  for (const id of ids) {
    try {
      const deleted = await deleteServiceToken(connection.client, connection.token, id);
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
      `${failed} of ${results.length} token${results.length === 1 ? "" : "s"} could not be deleted`,
      {
        hint: otherOrganization
          ? "a token of a project in another of your organizations is deleted with a login to that organization: `infisical login --organization-id <id>`"
          : "check the ids with `infisical service-token list`",
      },
    );
  }
}
