import { basename } from "node:path";
import { failureReason } from "../../../api/errors.js";
import { deleteServiceToken } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import { parseCreateInput, type CreateFlagValues } from "../../../core/create-request.js";
import { CliError, ExitCode, ExitStatus, UsageError } from "../../../errors.js";
import { formatRelative } from "../../../output/time.js";
import { connectToProject } from "../../connect.js";
import { issueServiceToken } from "../../../service-tokens/issue.js";
import { exitCodeOf, runChild, type ChildOutcome } from "./child.js";

export interface ExecFlags extends Omit<CreateFlagValues, "name"> {
  name?: string;
  env?: string[];
  keep?: boolean;
  projectId?: string;
  token?: string;
}

export const DEFAULT_EXEC_EXPIRY = "1h";
const TOKEN_VARIABLE = "INFISICAL_TOKEN";
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** INFISICAL_TOKEN, then each --env name (checked: a name a shell could export). */
export function tokenVariables(names: readonly string[] = []): string[] {
  for (const name of names) {
    if (!VARIABLE_NAME.test(name)) {
      throw new UsageError(`invalid --env ${JSON.stringify(name)}: not a variable name`, {
        hint: "letters, digits and _, not starting with a digit, e.g. --env TF_VAR_infisical_token",
      });
    }
  }
  return [...new Set([TOKEN_VARIABLE, ...names])];
}

function notStarted(file: string, outcome: Extract<ChildOutcome, { kind: "not-started" }>) {
  const notFound = outcome.error.code === "ENOENT";
  return new CliError(
    `cannot run ${JSON.stringify(file)}: ${notFound ? "command not found" : (outcome.error.code ?? outcome.error.message)}`,
    {
      exitCode: notFound ? ExitCode.commandNotFound : ExitCode.commandNotExecutable,
      hint: notFound
        ? "check the name and PATH; a shell built-in or a .cmd/.bat file runs through a shell: -- sh -c '…' (Windows: -- cmd /c …)"
        : "check that the file is executable",
    },
  );
}

/**
 * Creates a token, runs the command with it in its environment, and deletes it when the command
 * ends, however it ends. The token is never printed and never on the command line.
 */
export async function runExec(
  command: readonly string[],
  flags: ExecFlags,
  ctx: CommandContext,
): Promise<void> {
  const [file, ...args] = command;
  if (!file) {
    throw new UsageError("no command given", {
      hint: "put the command after --: infisical service-token exec -s dev:/ -a read -- ./deploy.sh",
    });
  }
  const variables = tokenVariables(flags.env);
  const input = parseCreateInput({
    ...flags,
    name: flags.name ?? `exec ${basename(file)}`,
    expiresIn:
      flags.expiresIn ?? (flags.expirySeconds === undefined ? DEFAULT_EXEC_EXPIRY : undefined),
  });
  const connection = await connectToProject(ctx, flags.projectId, flags.token);
  const { token, data } = await issueServiceToken(connection, input);
  ctx.registerSecret(token);
  const deleteCommand = `infisical service-token delete ${data.id} --yes`;
  ctx.noteInterrupt?.(
    `the token ${data.id} made for the command may still exist: ${deleteCommand}`,
  );
  ctx.logger.debug(`created token ${data.id}, given to the command as ${variables.join(", ")}`);

  const outcome = await runChild(file, args, {
    env: { ...ctx.env, ...Object.fromEntries(variables.map((name) => [name, token])) },
    cwd: ctx.cwd,
    takeStoppingSignals: ctx.takeStoppingSignals,
  });

  const deleted = flags.keep ? true : await deleteAfterwards(ctx, connection, data.id);
  ctx.noteInterrupt?.(undefined);
  if (flags.keep) {
    const expiry = data.expiresAt
      ? `it expires ${formatRelative(new Date(data.expiresAt), ctx.now())}`
      : "it never expires";
    ctx.logger.notice(`kept the token ${data.id} (${JSON.stringify(data.name)}); ${expiry}`);
  } else if (!deleted) {
    ctx.logger.notice(`  delete it with: ${deleteCommand}`);
  }
  if (outcome.kind === "not-started") throw notStarted(file, outcome);
  const code = exitCodeOf(outcome);
  // A command that succeeded still fails the run if its token outlives it.
  if (code !== 0 || !deleted) throw new ExitStatus(code !== 0 ? code : ExitCode.failure);
}

/** True when the token is gone; otherwise says why on stderr (the caller adds how to fix it). */
async function deleteAfterwards(
  ctx: CommandContext,
  connection: Awaited<ReturnType<typeof connectToProject>>,
  id: string,
): Promise<boolean> {
  try {
    // The command may have run for longer than --deadline: the network time starts again.
    await deleteServiceToken(
      connection.client.withFreshDeadline(),
      connection.credentials.token,
      id,
    );
    ctx.logger.debug(`deleted token ${id}`);
    return true;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const reason = failureReason(error);
    ctx.logger.failure(`could not delete the token ${id} made for the command: ${reason}`);
    return false;
  }
}
