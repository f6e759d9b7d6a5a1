// Code caches for the single executable, made by running the built CLI: see makeCodeCaches.
import { execFileSync, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/**
 * Code caches for the commands a single executable runs most, made by running the built CLI
 * (with the node binary the executable is made from: V8 takes only its own caches) against its own dev server: each command
 * twice, as the second run of a command is the one that writes its cache (src/startup/). The
 * executable carries them, so that its first run of a command is as fast as later ones.
 */
export async function makeCodeCaches(outDir, node = process.execPath) {
  const home = await mkdtemp(join(tmpdir(), "infisical-code-cache-"));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    INFISICAL_CONFIG_DIR: join(home, "config"),
    INFISICAL_CACHE_DIR: join(home, "cache"),
    NO_COLOR: "1",
  };
  const cli = (args, input) =>
    execFileSync(node, ["dist/cli.cjs", ...args], {
      env,
      input,
      encoding: "utf8",
      timeout: 60_000,
    });
  const server = spawn(node, ["dist/cli.cjs", "dev-server", "--json"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const info = JSON.parse(
      await new Promise((resolve, reject) => {
        createInterface({ input: server.stdout }).once("line", resolve);
        server.once("exit", () => reject(new Error("the dev server exited before it was ready")));
      }),
    );
    env.INFISICAL_DOMAIN = info.url;
    const project = ["--projectId", info.projectId];
    for (let run = 0; run < 2; run += 1) {
      cli(["login", "--email", info.email, "--password-stdin", "--silent"], info.password);
      const create = ["service-token", "create", ...project, "-s", "dev:/", "-a", "read"];
      const token = cli([...create, "--token-only"]).trim();
      cli(["service-token", "view", token]);
      cli(["service-token", "list", ...project]);
      cli(["whoami"]);
    }
  } finally {
    server.kill("SIGINT");
    await new Promise((resolve) =>
      server.exitCode === null ? server.once("exit", resolve) : resolve(),
    );
  }
  const [build, ...others] = await readdir(join(env.INFISICAL_CACHE_DIR, "code"));
  if (others.length > 0) throw new Error(`code caches for more than one build: ${others}`);
  const made = join(env.INFISICAL_CACHE_DIR, "code", build);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // The commands run twice above (the dev server ran once: its file only lists its chunks).
  const names = [
    "login.bin",
    "service-token-create.bin",
    "service-token-view.bin",
    "service-token-list.bin",
    "whoami.bin",
  ];
  const present = await readdir(made);
  for (const name of names) {
    if (!present.includes(name)) throw new Error(`no code cache was made for ${name}`);
    await copyFile(join(made, name), join(outDir, name));
  }
  await rm(home, { recursive: true, force: true });
  return names;
}
