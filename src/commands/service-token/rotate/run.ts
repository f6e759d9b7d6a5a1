import type { CommandContext } from "../../../context.js";
import { CliError } from "../../../errors.js";
import { renderCreatedToken, type OutputMode } from "../../../output/created-token.js";
import { renderDryRunSteps } from "../../../output/dry-run.js";
import { failureReason } from "../../../api/errors.js";
import { carryOutRotation, planRotation } from "../../../service-tokens/rotate.js";
import { connectToProject } from "../../connect.js";
import { plannedCreate, plannedDelete } from "../planned-requests.js";

export interface RotateFlags {
  expiresIn?: string;
  expirySeconds?: string;
  keepOld?: boolean;
  dryRun?: boolean;
  tokenOnly?: boolean;
  json?: boolean;
  projectId?: string;
  token?: string;
}

/**
 * A new token like the old one (name, scopes, permissions, validity length), printed as create
 * prints it, then the old one deleted. Nothing is deleted unless the new token exists.
 */
export async function runRotate(id: string, flags: RotateFlags, ctx: CommandContext) {
  const mode: OutputMode = flags.json ? "json" : flags.tokenOnly ? "token-only" : "human";
  const connection = await connectToProject(ctx, flags.projectId, flags.token);
  const rotation = await planRotation(connection, id, flags);
  const { old } = rotation;

  if (flags.dryRun) {
    renderDryRunSteps(
      ctx,
      [
        {
          what: `create the new token ${JSON.stringify(old.name)}`,
          request: plannedCreate(connection, rotation.prepared),
        },
        ...(flags.keepOld
          ? []
          : [
              {
                what: `delete the old token ${old.id}`,
                request: plannedDelete(connection, old.id),
              },
            ]),
      ],
      { credentialSource: connection.credentials.source, json: mode === "json" },
    );
    return;
  }

  const deleteOld = `infisical service-token delete ${old.id} --yes`;
  const rotated = await carryOutRotation(connection, rotation, {
    keepOld: flags.keepOld,
    // --json waits for the delete's outcome; the others print the new token at once.
    onCreated: (created) =>
      mode === "json"
        ? ctx.noteInterrupt?.(
            `the new token ${created.data.id} was created but not shown; the old one (${old.id}) still exists`,
          )
        : renderCreatedToken(ctx, created, mode),
  });
  const failure = rotated.deleteError ? failureReason(rotated.deleteError) : undefined;
  if (mode === "human") {
    if (rotated.oldDeleted) ctx.logger.success(`Deleted the old token ${old.id}`);
    else if (flags.keepOld)
      ctx.logger.notice(`kept the old token ${old.id}; when the hand-over is done: ${deleteOld}`);
  }
  if (mode === "json") {
    // The new token is what the user asked for: written unredacted, like create's.
    renderCreatedToken(ctx, rotated.created, "json", {
      replaces: { id: old.id, deleted: rotated.oldDeleted, ...(failure ? { error: failure } : {}) },
    });
    ctx.noteInterrupt?.(undefined);
  }
  if (failure !== undefined) {
    throw new CliError(
      `the new token is made, but the old one (${old.id}) could not be deleted: ${failure}`,
      { hint: `delete it yourself: ${deleteOld}` },
    );
  }
}
