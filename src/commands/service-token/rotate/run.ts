import { ApiError } from "../../../api/errors.js";
import { deleteServiceToken, listServiceTokens } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import { rotationInput } from "../../../core/rotation.js";
import { CliError } from "../../../errors.js";
import { renderCreatedToken, type OutputMode } from "../../../output/created-token.js";
import { renderDryRunSteps } from "../../../output/dry-run.js";
import { connectToProject } from "../../connect.js";
import { namingOrganizationsOnRefusal } from "../../other-organization.js";
import { issueServiceToken, plannedCreate, plannedDelete, prepareCreate } from "../issue-token.js";
import { findToken } from "../token-ids.js";

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
  const { client, credentials, projectId } = connection;
  const tokens = await namingOrganizationsOnRefusal(
    () => listServiceTokens(client, credentials.token, projectId),
    client,
    credentials,
  );
  const old = findToken(tokens, id, projectId);
  const input = rotationInput(old, flags);
  const prepared = prepareCreate(input, projectId);

  if (flags.dryRun) {
    renderDryRunSteps(
      ctx,
      [
        {
          what: `create the new token ${JSON.stringify(old.name)}`,
          request: plannedCreate(connection, prepared),
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
      { credentialSource: credentials.source, json: mode === "json" },
    );
    return;
  }

  const created = await issueServiceToken(connection, input, prepared);
  const deleteOld = `infisical service-token delete ${old.id} --yes`;
  if (mode !== "json") renderCreatedToken(ctx, created, mode);
  else
    ctx.noteInterrupt?.(
      `the new token ${created.data.id} was created but not shown; the old one (${old.id}) still exists`,
    );

  let failure: string | undefined;
  if (!flags.keepOld) {
    try {
      await deleteServiceToken(client, credentials.token, old.id);
      if (mode === "human") ctx.logger.success(`Deleted the old token ${old.id}`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      failure = error instanceof ApiError ? (error.serverMessage ?? error.message) : error.message;
    }
  } else if (mode === "human") {
    ctx.logger.notice(`kept the old token ${old.id}; when the hand-over is done: ${deleteOld}`);
  }

  if (mode === "json") {
    const replaced = {
      id: old.id,
      deleted: !flags.keepOld && failure === undefined,
      ...(failure ? { error: failure } : {}),
    };
    // The new token is what the user asked for: written unredacted, like create's.
    renderCreatedToken(ctx, created, "json", { replaces: replaced });
    ctx.noteInterrupt?.(undefined);
  }
  if (failure !== undefined) {
    throw new CliError(
      `the new token is made, but the old one (${old.id}) could not be deleted: ${failure}`,
      {
        hint: `delete it yourself: ${deleteOld}`,
      },
    );
  }
}
