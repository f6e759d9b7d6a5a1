import type { Command } from "commander";
import { ApiError } from "../../api/errors.js";
import {
  deleteServiceToken,
  describeServiceToken,
  listServiceTokens,
} from "../../api/service-tokens.js";
import { askConfirm, canPrompt } from "../../auth/prompts.js";
import { createContext } from "../../context.js";
import { isServiceTokenShape } from "../../core/service-token.js";
import { AuthError, CliError, UsageError } from "../../errors.js";
import { renderTokenDetails } from "../../output/token-details.js";
import { renderTokenList } from "../../output/token-list.js";
import { connect, connectAsUser, connectToProject } from "../connect.js";
import type { DeleteFlags, ListFlags, ViewFlags } from "./manage.js";
import { readStdin } from "../read-stdin.js";

export async function runList(flags: ListFlags, command: Command): Promise<void> {
  const ctx = createContext(command);
  const { client, credentials, projectId } = await connectToProject(
    ctx,
    flags.projectId,
    flags.token,
  );
  const tokens = await listServiceTokens(client, credentials.token, projectId);
  renderTokenList(ctx, tokens, flags.json === true, projectId);
}

export async function runDelete(
  ids: string[],
  flags: DeleteFlags,
  command: Command,
): Promise<void> {
  const ctx = createContext(command);
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (unique.length === 0)
    throw new UsageError("no token id given", { hint: "see `infisical service-token list`" });
  if (!flags.yes) {
    if (!canPrompt()) {
      throw new UsageError("deleting tokens needs confirmation", {
        hint: "pass --yes to delete without a prompt",
      });
    }
    const what =
      unique.length === 1 ? `service token ${unique[0]}` : `${unique.length} service tokens`;
    if (!(await askConfirm(`Delete ${what}? Anything using it stops working at once.`))) {
      throw new CliError("nothing was deleted");
    }
  }
  const { client, credentials } = await connectAsUser(ctx, flags.token);
  const results = [];
  for (const id of unique) {
    try {
      const deleted = await deleteServiceToken(client, credentials.token, id);
      results.push({ id, deleted: true as const, name: deleted.name });
      if (!flags.json)
        ctx.logger.notice(
          `${ctx.paint.green("✓")} deleted ${id} (${JSON.stringify(deleted.name)})`,
        );
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      const reason =
        error instanceof ApiError ? (error.serverMessage ?? error.message) : error.message;
      results.push({
        id,
        deleted: false as const,
        error: reason,
        ...(error instanceof ApiError ? { status: error.status } : {}),
      });
      if (!flags.json) ctx.stderr.write(`${ctx.paint.red("✗")} ${id}: ${reason}\n`);
    }
  }
  if (flags.json) ctx.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => !r.deleted).length;
  if (failed > 0) {
    throw new CliError(
      `${failed} of ${results.length} token${results.length === 1 ? "" : "s"} could not be deleted`,
      {
        hint: "check the ids with `infisical service-token list`",
      },
    );
  }
}

async function tokenToView(argument: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const token = (
    argument === "-" ? await readStdin() : (argument ?? env.INFISICAL_TOKEN ?? "")
  ).trim();
  if (token === "") {
    throw new UsageError("no service token given", {
      hint: "pass it as an argument, as - to read it from standard input, or in INFISICAL_TOKEN",
    });
  }
  if (!isServiceTokenShape(token) || token.split(".").length < 3) {
    throw new UsageError(
      "that is not a service token: a service token looks like st.<id>.<secret>[.<key>]",
    );
  }
  return token;
}

export async function runView(
  argument: string | undefined,
  flags: ViewFlags,
  command: Command,
): Promise<void> {
  const ctx = createContext(command);
  const token = await tokenToView(argument, ctx.env);
  const { client, settings } = await connect(ctx);
  const id = token.split(".")[1];
  let details;
  try {
    details = await describeServiceToken(client, token);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401) {
      throw new AuthError("the service token was rejected: its secret is wrong", {
        details: error.details,
        hint: "copy the whole token again; a token is shown only once when created",
      });
    }
    if (error.status === 403 && error.serverMessage === "Service token has expired") {
      throw new AuthError("the service token has expired", {
        details: [
          ...error.details,
          "the server deletes an expired token the first time it is used",
        ],
        hint: "create a new one with `infisical service-token create`",
      });
    }
    if (error.status === 404 && error.body?.reqId !== undefined) {
      throw new CliError(`no service token with id ${id} exists on ${settings.domain.siteUrl}`, {
        details: error.details,
        hint: "it was deleted or has expired, or it belongs to another Infisical instance (check --domain)",
      });
    }
    throw error;
  }
  renderTokenDetails(ctx, details, flags.json === true);
}
