import type { CommandContext } from "../../../context.js";
import { CancelledError, UsageError } from "../../../errors.js";
import { projectTokens } from "../../../service-tokens/list.js";
import { connectAsUser, connectToProject } from "../../connect.js";
import { deleteEach } from "../../delete-each.js";
import { tokenDeletion } from "../token-deletion.js";
import { findToken, ID_BEGINNING } from "../../../service-tokens/find.js";

export interface DeleteFlags {
  yes?: boolean;
  json?: boolean;
  token?: string;
  /** For ids given by their beginning (as `list` shows them). */
  projectId?: string;
}

/** Whole ids as given; a beginning of one becomes the one id of the project it starts. */
async function wholeIds(ids: string[], flags: DeleteFlags, ctx: CommandContext) {
  const isBeginning = (id: string) => ID_BEGINNING.test(id);
  if (!ids.some(isBeginning)) return { ids, connection: undefined };
  const connection = await connectToProject(ctx, flags.projectId, flags.token);
  const tokens = await projectTokens(connection);
  const whole = ids.map((id) =>
    isBeginning(id) ? findToken(tokens, id, connection.projectId).id : id,
  );
  return { ids: [...new Set(whole)], connection };
}

/** Without a terminal, --yes is the confirmation: checked before anything is sent. */
function checkConfirmationPossible(flags: DeleteFlags, ctx: CommandContext): void {
  if (!flags.yes && !ctx.canPrompt) {
    throw new UsageError("deleting tokens needs confirmation", {
      hint: "pass --yes to delete without a prompt",
      neededTerminal: true,
    });
  }
}

async function confirmDeletion(ids: string[], ctx: CommandContext): Promise<void> {
  const question =
    ids.length === 1
      ? `Delete service token ${ids[0]}? Anything using it stops working at once.`
      : `Delete ${ids.length} service tokens? Anything using them stops working at once.`;
  if (!(await ctx.prompts.confirm(question))) {
    throw new CancelledError("nothing was deleted");
  }
}

export async function runDelete(
  ids: string[],
  flags: DeleteFlags,
  ctx: CommandContext,
): Promise<void> {
  const given = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (given.length === 0)
    throw new UsageError("no token id given", { hint: "see `infisical service-token list`" });
  checkConfirmationPossible(flags, ctx);
  const resolved = await wholeIds(given, flags, ctx);
  const unique = resolved.ids;
  if (!flags.yes) await confirmDeletion(unique, ctx);
  const { client, credentials } = resolved.connection ?? (await connectAsUser(ctx, flags.token));
  await deleteEach(unique, tokenDeletion(client, credentials.token), ctx, flags.json === true);
}
