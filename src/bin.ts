/** Process-level wiring around main(): signals, broken pipes, flushing, the exit code. */
import { main } from "./cli.js";
import { ExitCode } from "./errors.js";

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

export function run(argv: string[]): void {
  process.on("SIGINT", () => {
    process.stderr.write("\ninterrupted\n");
    process.exit(ExitCode.interrupted);
  });
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // The reader went away (`| head -1`): nothing more to say, and no one to say it to.
    if (error.code === "EPIPE") process.exit(ExitCode.ok);
    throw error;
  });
  void main(argv).then(async (exitCode) => {
    await Promise.all([flush(process.stdout), flush(process.stderr)]);
    process.exit(exitCode);
  });
}
