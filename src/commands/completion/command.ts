import { Argument, type Command } from "commander";
import type { ContextOf } from "../../context.js";
import { examples } from "../help-text.js";

export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

export function addCompletionCommand(program: Command, contextOf: ContextOf): void {
  program
    .command("completion")
    .description("print a shell completion script for every command and flag")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .addHelpText(
      "after",
      examples(
        `
Examples:
  $ source <(infisical completion bash)                 # bash, for this shell
  $ eval "$(infisical completion bash)"                 # bash 3.2 (macOS /bin/bash)
  $ infisical completion zsh > "\${fpath[1]}/_infisical"  # zsh, from the next shell on
  $ infisical completion fish > ~/.config/fish/completions/infisical.fish
  PS> infisical completion powershell | Out-String | Invoke-Expression  # add to $PROFILE`,
      ),
    )
    .action(async (shell: (typeof SHELLS)[number], _flags: unknown, command: Command) => {
      const [{ completionScript }, ctx] = await Promise.all([
        import("../../output/completion-script.js"),
        contextOf(command),
      ]);
      ctx.stdout.write(completionScript(shell, command.parent as Command));
    });
}
