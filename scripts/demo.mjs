// `npm run demo`: the product's main job, end to end, on this machine alone. Starts the embedded
// dev server, logs in as the demo user, creates a token scoped to dev:/, reads a secret with it,
// shows that the scope is enforced, lists the tokens, and stops the server.
import { fileURLToPath } from "node:url";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "infisical");
// Bold headings in a terminal only: piped or with NO_COLOR, plain text.
const bold = process.stdout.isTTY && !process.env.NO_COLOR;
const say = (text) => console.log(bold ? `\n\x1b[1m==> ${text}\x1b[0m` : `\n==> ${text}`);

function newestSource(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }, 0);
}

const built = join(root, "dist", "cli.cjs");
if (!existsSync(built) || statSync(built).mtimeMs < newestSource(join(root, "src"))) {
  say("Building the CLI (npm run build)");
  // The build script itself, not `npm run` (npm is npm.cmd on Windows, which execFile cannot run).
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], {
    cwd: root,
    stdio: "inherit",
  });
}

// Private config and cache directories: the demo never touches your real logins or caches.
const home = mkdtempSync(join(tmpdir(), "infisical-demo-"));
const env = {
  ...process.env,
  INFISICAL_CONFIG_DIR: join(home, "config"),
  INFISICAL_CACHE_DIR: join(home, "cache"),
};
delete env.INFISICAL_TOKEN;
delete env.INFISICAL_PROJECT_ID;

/** An argument as a shell needs it: quoted when it holds anything but plain characters. */
const shellQuote = (arg) =>
  /^[A-Za-z0-9_./:=@,+%-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;

/** Runs the CLI, printing the command as a person would type it (`$ echo … | infisical …`). */
function infisical(args, input, capture) {
  const pipe = input === undefined ? "" : `echo ${shellQuote(input)} | `;
  const into = capture ? `${capture}=$(` : "";
  console.log(`$ ${into}${pipe}infisical ${args.map(shellQuote).join(" ")}${capture ? ")" : ""}`);
  return execFileSync(process.execPath, [bin, ...args], {
    env,
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "inherit"],
  });
}

say("Starting the embedded Infisical dev server (infisical dev-server --json)");
const server = spawn(process.execPath, [bin, "dev-server", "--json"], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
const info = JSON.parse(
  await new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).once("line", resolve);
    server.once("exit", (code) => reject(new Error(`dev server exited with ${code}`)));
  }),
);
console.log(
  `dev server at ${info.url}; demo user ${info.email}, project "${info.projectName}" (${info.projectId})`,
);
env.INFISICAL_DOMAIN = info.url;

let failed = false;
try {
  say("Logging in as the demo user");
  infisical(["login", "--email", info.email, "--password-stdin"], info.password);

  say("Creating a read-only service token for dev:/, valid for one hour");
  const token = infisical(
    [
      "service-token",
      "create",
      "--projectId",
      info.projectId,
      "--scope",
      "dev:/",
      "--access-level",
      "read",
      "--expires-in",
      "1h",
      "--name",
      "demo",
      "--token-only",
    ],
    undefined,
    "TOKEN",
  ).trim();
  console.log(`(TOKEN holds ${token.slice(0, 12)}…, ${token.length} characters)`);

  say("Reading the dev secrets with the new token");
  const read = async (t, environment, variable) => {
    const url = `${info.apiUrl}/v3/secrets/raw?workspaceId=${info.projectId}&environment=${environment}&secretPath=/`;
    // The same request a person would make from a shell.
    console.log(`$ curl -s -H "Authorization: Bearer $${variable}" '${url}'`);
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${t}`, "User-Agent": "cli" },
    });
    if (!response.ok)
      throw new Error(
        `reading ${environment} secrets failed: ${response.status} ${await response.text()}`,
      );
    return (await response.json()).secrets;
  };
  for (const secret of await read(token, "dev", "TOKEN"))
    console.log(`  ${secret.secretKey}=${secret.secretValue}`);

  say("Showing the scope is enforced: a token for dev:/** reads nothing from prod");
  const globToken = infisical(
    [
      "service-token",
      "create",
      "--projectId",
      info.projectId,
      "-s",
      "dev:/**",
      "-a",
      "read",
      "-n",
      "demo-glob",
      "--token-only",
    ],
    undefined,
    "GLOB_TOKEN",
  ).trim();
  const fromProd = await read(globToken, "prod", "GLOB_TOKEN");
  const fromDev = await read(globToken, "dev", "GLOB_TOKEN");
  console.log(`  dev: ${fromDev.length} secrets, prod: ${fromProd.length} secrets`);
  if (fromProd.length !== 0 || fromDev.length === 0) throw new Error("the scope was not enforced");

  say("Listing the project's tokens");
  console.log(`$ infisical service-token list --projectId ${info.projectId}`);
  execFileSync(process.execPath, [bin, "service-token", "list", "--projectId", info.projectId], {
    env,
    stdio: "inherit",
  });
} catch (error) {
  failed = true;
  console.error(`\ndemo failed: ${error.message}`);
} finally {
  say("Stopping the dev server");
  server.kill("SIGINT");
  const code = await new Promise((resolve) => server.once("exit", resolve));
  rmSync(home, { recursive: true, force: true });
  console.log(`dev server exited with ${code}`);
  if (code !== 0) failed = true;
}
if (failed) process.exit(1);
say("Done: a scoped, expiring token was created, used and listed, all offline.");
