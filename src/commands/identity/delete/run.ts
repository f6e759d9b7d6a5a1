import { deleteIdentity } from "../../../api/identities.js";
import type { CommandContext } from "../../../context.js";
import { CancelledError, UsageError } from "../../../errors.js";
import { connectAsUser } from "../../connect.js";
import { deleteEach } from "../../delete-each.js";
import type { IdentityFlags } from "../flags.js";

export async function runIdentityDelete(
  ids: string[],
  flags: IdentityFlags,
  ctx: CommandContext,
): Promise<void> {
  const given = [...new Set(ids.map((i) => i.trim()).filter(Boolean))];
  if (given.length === 0)
    throw new UsageError("no identity id given", { hint: "see `infisical identity list`" });
  if (!flags.yes && !ctx.canPrompt) {
    throw new UsageError("deleting identities needs confirmation", {
      hint: "pass --yes to delete without a prompt",
      neededTerminal: true,
    });
  }
  const { client, credentials } = await connectAsUser(ctx, flags.token);
  if (!flags.yes) {
    const question =
      given.length === 1
        ? `Delete identity ${given[0]}? Its client secrets, access tokens, memberships and privileges go with it.`
        : `Delete ${given.length} identities? Their client secrets, access tokens, memberships and privileges go with them.`;
    if (!(await ctx.prompts.confirm(question))) throw new CancelledError("nothing was deleted");
  }
  await deleteEach(
    given,
    {
      nouns: ["identity", "identities"],
      remove: async (id) => {
        const { identity } = await deleteIdentity(client, credentials.token, id);
        // A retry that found it gone knows no name.
        return identity.name ? identity : undefined;
      },
      listCommand: "infisical identity list",
    },
    ctx,
    flags.json === true,
  );
}
