import { ApiError } from "../../../api/errors.js";
import { deleteServiceToken } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import { CancelledError, CliError, ExitCode, UsageError } from "../../../errors.js";
import { connectAsUser } from "../../connect.js";

export interface DeleteFlags {
  yes?: boolean;
  json?: boolean;
  token?: string;
}

type DeleteResult =
  | { id: string; deleted: true; name: string | null }
  | { id: string; deleted: false; error: string; status?: number };

/** A refusal of the login itself: every other id would be refused the same way. */
function refusesTheLogin(error: CliError): boolean {
  return (
    error.exitCode === ExitCode.auth &&
    !(error instanceof ApiError && error.kind === "project-in-other-organization")
  );
}

/** Asks in a terminal; elsewhere --yes is the confirmation. */
async function confirmDeletion(ids: string[], ctx: CommandContext): Promise<void> {
  if (!ctx.canPrompt) {
    throw new UsageError("deleting tokens needs confirmation", {
      hint: "pass --yes to delete without a prompt",
    });
  }
  const what = ids.length === 1 ? `service token ${ids[0]}` : `${ids.length} service tokens`;
  if (!(await ctx.prompts.confirm(`Delete ${what}? Anything using it stops working at once.`))) {
    throw new CancelledError("nothing was deleted");
  }
}

export async function runDelete(
  ids: string[],
  flags: DeleteFlags,
  ctx: CommandContext,
): Promise<void> {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (unique.length === 0)
    throw new UsageError("no token id given", { hint: "see `infisical service-token list`" });
  if (!flags.yes) await confirmDeletion(unique, ctx);
  const { client, credentials } = await connectAsUser(ctx, flags.token);
  const results: DeleteResult[] = [];
  let otherOrganization = false;
  for (const id of unique) {
    try {
      const deleted = await deleteServiceToken(client, credentials.token, id);
      results.push({ id, deleted: true, name: deleted?.name ?? null });
      if (!flags.json)
        ctx.logger.success(`deleted ${id}${deleted ? ` (${JSON.stringify(deleted.name)})` : ""}`);
    } catch (error) {
      if (!(error instanceof CliError) || refusesTheLogin(error)) throw error;
      if (error instanceof ApiError && error.kind === "project-in-other-organization")
        otherOrganization = true;
      const reason =
        error instanceof ApiError ? (error.serverMessage ?? error.message) : error.message;
      results.push({
        id,
        deleted: false,
        error: reason,
        ...(error instanceof ApiError ? { status: error.status } : {}),
      });
      if (!flags.json) ctx.logger.failure(`${id}: ${reason}`);
    }
  }
  if (flags.json) ctx.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
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
