/** The executable's entry: process-level wiring around main(). */
import { main } from "./cli.js";
import { ExitCode } from "./errors.js";

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

process.on("SIGINT", () => {
  process.stderr.write("\ninterrupted\n");
  process.exit(ExitCode.interrupted);
});
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // The reader went away (`| head -1`): nothing more to say, and no one to say it to.
  if (error.code === "EPIPE") process.exit(ExitCode.ok);
  throw error;
});

// No top-level await: the same file is the entry of the single-executable (CommonJS) build.
void main(process.argv).then(async (exitCode) => {
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(exitCode);
});
