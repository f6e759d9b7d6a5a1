import { describeServiceToken } from "../../../api/service-tokens.js";
import type { CommandContext } from "../../../context.js";
import { classifyToken } from "../../../core/jwt-claims.js";
import { UsageError } from "../../../errors.js";
import { renderTokenDetails } from "../../../output/token-details.js";
import { checkCredentialMayGo, connect } from "../../connect.js";
import { readStdin } from "../../read-stdin.js";

export interface ViewFlags {
  json?: boolean;
}

/** The argument, `-` for standard input, else INFISICAL_TOKEN. */
async function tokenToView(argument: string | undefined, ctx: CommandContext): Promise<string> {
  const token = (
    argument === "-" ? await readStdin(ctx.stdin) : (argument ?? ctx.env.INFISICAL_TOKEN ?? "")
  ).trim();
  if (token === "") {
    throw new UsageError("no service token given", {
      hint: "pass it as an argument, as - to read it from standard input, or in INFISICAL_TOKEN",
    });
  }
  if (classifyToken(token) !== "service-token" || token.split(".").length < 3) {
    throw new UsageError(
      "that is not a service token: a service token looks like st.<id>.<secret>[.<key>]",
    );
  }
  return token;
}

export async function runView(
  argument: string | undefined,
  flags: ViewFlags,
  ctx: CommandContext,
): Promise<void> {
  const token = await tokenToView(argument, ctx);
  const connection = await connect(ctx);
  await checkCredentialMayGo(connection, "the service token");
  const { client } = connection;
  const details = await describeServiceToken(client, token);
  renderTokenDetails(ctx, details, flags.json === true);
}
