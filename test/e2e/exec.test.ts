/**
 * `service-token exec` as a shell runs it: the command's streams, exit code and signals, and the
 * token deleted afterwards however the command ended (spawned: only a process shows these).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runInTerminal, startCli, tempDir } from "../helpers/cli.js";
import { execArgs, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const project = () => ctx.server.demo.project.id;
const exec = (...rest: string[]) => execArgs(project(), ...rest);
/** A child that says when it runs, counts the Ctrl-C it gets, and exits 5 after the first. */
const COUNTING_CHILD = [
  process.execPath,
  "-e",
  `let n = 0;
   process.on("SIGINT", () => { n++; setTimeout(() => { console.error("sigints=" + n); process.exit(5); }, 300); });
   console.error("child started"); setInterval(() => {}, 1000);`,
];

const tokensInProject = () =>
  [...ctx.server.state.serviceTokens.values()].filter((t) => t.projectId === project());
const deletes = () => ctx.server.requests.filter((r) => r.method === "DELETE");

describe("service-token exec", () => {
  it("gives the command a working token in its environment only, and deletes it when it ends", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = tempDir();
    const before = tokensInProject().length;
    // The child records what it was given: its environment, and both processes' command lines.
    const script = `printf %s "$INFISICAL_TOKEN" > token; printf %s "$TF_VAR_t" > tf;
      tr '\\0' ' ' < /proc/$$/cmdline > argv-child; tr '\\0' ' ' < /proc/$PPID/cmdline > argv-parent;
      curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $INFISICAL_TOKEN" "$API/api/v2/service-token" > status 2>/dev/null || echo skip > status`;
    const r = await runCli(exec("--env", "TF_VAR_t", "--", "sh", "-c", script), {
      env: { ...env, API: ctx.server.url },
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const token = readFileSync(join(dir, "token"), "utf8");
    expect(token).toMatch(/^st\.[0-9a-f-]{36}\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(readFileSync(join(dir, "tf"), "utf8")).toBe(token);
    const status = readFileSync(join(dir, "status"), "utf8");
    if (status !== "skip") expect(status).toBe("200");
    for (const file of ["argv-child", "argv-parent"])
      expect(readFileSync(join(dir, file), "utf8")).not.toContain(token.split(".")[2]);
    expect(r.stdout + r.stderr).not.toContain(token.split(".")[2]);
    expect(r.stdout).toBe("");
    const id = token.split(".")[1] as string;
    expect(deletes().map((d) => d.url)).toEqual([`/api/v2/service-token/${id}`]);
    expect(tokensInProject()).toHaveLength(before);
    const created = ctx.server.requests.find((q) => q.method === "POST")?.body as string;
    expect(JSON.parse(created)).toMatchObject({ name: "exec sh", expiresIn: 3600 });
  });

  it("passes standard input and output through, for pipelines", async () => {
    const env = await loggedInEnv(ctx.server);
    const r = await runCli(exec("--", "tr", "a-z", "A-Z"), { env, input: "piped text\n" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("PIPED TEXT\n");
  });

  it("exits with the command's code (3), and 128+n when a signal killed it; the token is deleted both times", async () => {
    const env = await loggedInEnv(ctx.server);
    const before = tokensInProject().length;
    const failed = await runCli(exec("--", "sh", "-c", "exit 3"), { env });
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe("");
    const killed = await runCli(exec("--", "sh", "-c", "kill -KILL $$"), { env });
    expect(killed.code).toBe(137);
    expect(deletes()).toHaveLength(2);
    expect(tokensInProject()).toHaveLength(before);
  });

  it("SIGINT and SIGTERM sent to it reach the command once; the token is deleted; exit 130 and 143", async () => {
    const env = await loggedInEnv(ctx.server);
    const before = tokensInProject().length;
    const interrupted = startCli(exec("--", "sleep", "30"), { env });
    interrupted.child.stdin.end();
    await waitFor(() => tokensInProject().length === before + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    interrupted.child.kill("SIGINT");
    const result = await interrupted.done;
    expect(result.code).toBe(130);
    expect(tokensInProject()).toHaveLength(before);

    const counting = startCli(exec("--", ...COUNTING_CHILD), { env });
    counting.child.stdin.end();
    await counting.waitForStderr(/child started/);
    counting.child.kill("SIGINT");
    const counted = await counting.done;
    expect(counted.stderr).toContain("sigints=1");
    expect(counted.code).toBe(5);

    const terminated = startCli(exec("--", "sleep", "30"), { env });
    terminated.child.stdin.end();
    await waitFor(() => tokensInProject().length === before + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    terminated.child.kill("SIGTERM");
    expect((await terminated.done).code).toBe(143);
    expect(tokensInProject()).toHaveLength(before);
  });

  it("Ctrl-C at a terminal reaches the command once (not again from exec), and the token is deleted", async () => {
    const env = await loggedInEnv(ctx.server);
    const before = tokensInProject().length;
    const { code, screen } = await runInTerminal(
      exec("--", ...COUNTING_CHILD),
      [[/child started/, "\u0003"]],
      { env },
    );
    expect(screen).toContain("sigints=1");
    expect(code).toBe(5);
    expect(tokensInProject()).toHaveLength(before);
  });

  it("a delete that fails after the command ran: said with the id and the command to delete it; exit 1 only if the command succeeded", async () => {
    const env = await loggedInEnv(ctx.server);
    const refuse = () =>
      ctx.server.faults.add({
        method: "DELETE",
        times: 1,
        fault: {
          kind: "respond",
          status: 400,
          body: { statusCode: 400, message: "Bad request", error: "BadRequest" },
        },
      });
    refuse();
    const succeeded = await runCli(exec("--", "true"), { env });
    expect(succeeded.code).toBe(1);
    const id = /could not delete the token ([0-9a-f-]{36}) made for the command/.exec(
      succeeded.stderr,
    )?.[1];
    expect(id, succeeded.stderr).toBeDefined();
    expect(succeeded.stderr).toContain(
      `delete it with: infisical service-token delete ${id} --yes`,
    );
    expect(ctx.server.state.serviceTokens.has(id as string)).toBe(true);

    refuse();
    const failed = await runCli(exec("--", "sh", "-c", "exit 3"), { env });
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain("could not delete the token");
  });

  it("--keep leaves the token and says until when; a command that cannot run is 127, after the token is deleted", async () => {
    const env = await loggedInEnv(ctx.server);
    const before = tokensInProject().length;
    const kept = await runCli(exec("--keep", "--expires-in", "15m", "--", "true"), { env });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toMatch(
      /kept the token [0-9a-f-]{36} \("exec true"\); it expires in 15 minutes/,
    );
    expect(tokensInProject()).toHaveLength(before + 1);

    const missing = await runCli(exec("--", "no-such-command-here"), { env });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('cannot run "no-such-command-here": command not found');
    expect(tokensInProject()).toHaveLength(before + 1);
  });

  it("usage errors come before any request: no command, a bad variable name", async () => {
    const env = await loggedInEnv(ctx.server);
    const none = await runCli(exec(), { env });
    expect(none.code).toBe(2);
    const badName = await runCli(exec("--env", "1BAD", "--", "true"), { env });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('invalid --env "1BAD": not a variable name');
    expect(ctx.server.requests).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
