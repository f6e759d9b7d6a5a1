/**
 * Hostile or unusual files and directories made in the test: the CLI never changes the
 * permissions of what it does not own, never follows a link to chmod, never hangs on a FIFO, and
 * reports file-system problems by path.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseEnv, tempDir } from "../helpers/env.js";
import { runInProcess } from "../helpers/in-process.js";
import { loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const isRoot = process.getuid?.() === 0;
const mode = (path: string) => statSync(path).mode & 0o7777;

describe("the config directory and sessions.json", () => {
  it("a directory every user may write to (1777) is refused, and keeps its mode", async () => {
    const shared = join(tempDir(), "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const r = await runInProcess(["whoami", "--offline"], {
      env: { INFISICAL_CONFIG_DIR: shared },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${shared} can be written by every user`);
    expect(r.stderr).toContain("INFISICAL_CONFIG_DIR");
    expect(mode(shared)).toBe(0o1777);
  });

  it("$HOME as the config directory is used but never chmodded", async () => {
    const home = tempDir();
    chmodSync(home, 0o755);
    writeFileSync(join(home, ".bashrc"), "");
    const env = { ...baseEnv(home), INFISICAL_CONFIG_DIR: home, INFISICAL_DOMAIN: ctx.server.url };
    const login = await runInProcess(
      ["login", "--email", ctx.server.demo.user.email, "--password-stdin"],
      {
        env,
        input: ctx.server.demo.user.password,
      },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(mode(home)).toBe(0o755);
    expect(mode(join(home, "sessions.json"))).toBe(0o600);
    expect(login.stderr).not.toContain("was accessible");
  });

  it("a sessions.json that is a symbolic link is refused, and its target untouched", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = env.INFISICAL_CONFIG_DIR as string;
    const target = join(tempDir(), "elsewhere.json");
    writeFileSync(target, "{}");
    chmodSync(target, 0o644);
    execFileSync("mv", [join(dir, "sessions.json"), join(dir, "real.json")]);
    symlinkSync(target, join(dir, "sessions.json"));
    const r = await runInProcess(["whoami", "--offline"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("it is a symbolic link, which is not followed");
    expect(mode(target)).toBe(0o644);
  });

  it("a FIFO or a directory named sessions.json is refused without opening it (no hang)", async () => {
    for (const make of ["fifo", "dir"]) {
      const dir = join(tempDir(), "config");
      mkdirSync(dir, { mode: 0o700 });
      const path = join(dir, "sessions.json");
      if (make === "fifo") execFileSync("mkfifo", [path]);
      else mkdirSync(path, { mode: 0o755 });
      const r = await runInProcess(["whoami", "--offline"], {
        env: { INFISICAL_CONFIG_DIR: dir },
      });
      expect(r.code, make).toBe(1);
      expect(r.stderr).toContain("it is not a regular file");
      if (make === "dir") expect(mode(path)).toBe(0o755);
    }
  });
});

describe(".infisical.json", () => {
  it("a FIFO is refused without opening it (no hang)", async () => {
    const env = await loggedInEnv(ctx.server);
    const repo = tempDir();
    execFileSync("mkfifo", [join(repo, ".infisical.json")]);
    const r = await runInProcess(["service-token", "create", "-s", "dev:/", "-a", "read"], {
      env,
      cwd: repo,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("it is not a regular file (a FIFO, socket or device)");
    expect(ctx.server.requests).toHaveLength(0);
  });

  it.skipIf(isRoot)(
    "an unreadable nearer file is an error, not a reason to use the parent's project",
    async () => {
      const env = await loggedInEnv(ctx.server);
      const parent = tempDir();
      writeFileSync(
        join(parent, ".infisical.json"),
        JSON.stringify({ workspaceId: ctx.server.demo.project.id }),
      );
      const child = join(parent, "child");
      mkdirSync(child);
      writeFileSync(join(child, ".infisical.json"), "{}");
      chmodSync(join(child, ".infisical.json"), 0o000);
      const r = await runInProcess(["service-token", "create", "-s", "dev:/", "-a", "read"], {
        env,
        cwd: child,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `${join(child, ".infisical.json")} is not a valid .infisical.json: it cannot be read`,
      );
      expect(ctx.server.requests).toHaveLength(0);
    },
  );
});

describe("file-system problems are named, not reported as bugs", () => {
  it.skipIf(isRoot)(
    "init in a read-only directory says which path and what went wrong",
    async () => {
      const env = await loggedInEnv(ctx.server);
      const dir = tempDir();
      chmodSync(dir, 0o555);
      const r = await runInProcess(["init", "--project-id", ctx.server.demo.project.id], {
        env,
        cwd: dir,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error: could not open .*\.infisical\.json.*: permission denied/);
      expect(r.stderr).not.toContain("unexpected failure");
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it("init over a directory named .infisical.json says which path and what went wrong", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = tempDir();
    mkdirSync(join(dir, ".infisical.json"));
    const r = await runInProcess(["init", "--project-id", ctx.server.demo.project.id, "--force"], {
      env,
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: could not rename .*: it is a directory/);
    expect(r.stderr).not.toContain("unexpected failure");
    expect(readdirSync(dir)).toEqual([".infisical.json"]);
  });
});
