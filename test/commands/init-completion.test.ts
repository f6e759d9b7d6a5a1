import { spawnSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { tempDir } from "../helpers/env.js";
import { runInProcess } from "../helpers/in-process.js";
import { loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();

describe("infisical init", () => {
  it("writes .infisical.json with the Go CLI's fields for --project-id, and create then finds it", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = tempDir();
    const r = await runInProcess(["init", "--project-id", ctx.server.demo.project.id], {
      env,
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Wrote ${join(dir, ".infisical.json")}`);
    const file = join(dir, ".infisical.json");
    expect(readFileSync(file, "utf8")).toBe(
      `{\n    "workspaceId": "${ctx.server.demo.project.id}",\n    "defaultEnvironment": "",\n    "gitBranchToEnvironmentMapping": null\n}\n`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ctx.server.requests.map((q) => q.url)).toEqual(["/api/v1/projects"]);

    const create = await runInProcess(
      ["service-token", "create", "-s", "dev:/", "-a", "read", "--token-only"],
      { env, cwd: dir },
    );
    expect(create.code, create.stderr).toBe(0);
  });

  it("without a terminal: needs --project-id (listing the projects) and --force to overwrite", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = tempDir();
    const noProject = await runInProcess(["init"], { env, cwd: dir });
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toContain("error: choose a project with --project-id");
    expect(noProject.stderr).toContain(`${ctx.server.demo.project.id}  Demo Project`);

    const unknown = await runInProcess(["init", "--project-id", "nope"], { env, cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'error: project "nope" is not one of this organization\'s projects',
    );

    writeFileSync(join(dir, ".infisical.json"), '{"workspaceId":"old"}');
    const exists = await runInProcess(["init", "--project-id", ctx.server.demo.project.id], {
      env,
      cwd: dir,
    });
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain("already exists");
    expect(exists.stderr).toContain("--force");
    const forced = await runInProcess(
      ["init", "--project-id", ctx.server.demo.project.id, "--force", "--json"],
      { env, cwd: dir },
    );
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({
      path: join(dir, ".infisical.json"),
      workspaceId: ctx.server.demo.project.id,
      projectName: "Demo Project",
    });
  });

  it("picks a project and confirms overwriting when a person is at the terminal", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = tempDir();
    writeFileSync(join(dir, ".infisical.json"), '{"workspaceId":"old"}');
    const second = ctx.server.state.addProject(ctx.server.demo.organization.id, "Zeta Project");
    const declined = await runInProcess(["init"], {
      env,
      cwd: dir,
      terminal: { columns: 80 },
      answers: [{ choose: (choices) => choices[1]?.value }, { confirm: false }],
    });
    expect(declined.code).toBe(2);
    expect(declined.stderr).toContain("cancelled: nothing was written");
    expect(readFileSync(join(dir, ".infisical.json"), "utf8")).toBe('{"workspaceId":"old"}');

    const accepted = await runInProcess(["init"], {
      env,
      cwd: dir,
      terminal: { columns: 80 },
      answers: [
        { choose: (choices) => choices.find((c) => c.name.startsWith("Zeta"))?.value },
        { confirm: true },
      ],
    });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.questions).toEqual([
      "Which project should this directory use?",
      ".infisical.json already exists here. Overwrite it?",
    ]);
    const written = JSON.parse(readFileSync(join(dir, ".infisical.json"), "utf8"));
    expect(written.workspaceId).toBe(second.id);
  });

  it("needs a login", async () => {
    const r = await runInProcess(["init", "--project-id", "x"], {
      env: { INFISICAL_DOMAIN: ctx.server.url },
    });
    expect(r.code).toBe(4);
  });
});

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.filter((c) => c.name() !== "help").flatMap(allCommands)];
}

describe("infisical completion", () => {
  const program = buildProgram();
  const flags = allCommands(program).flatMap((c) =>
    c.options
      .filter((o) => !(o as Option & { hidden?: boolean }).hidden)
      .map((o) => o.long as string),
  );
  const names = allCommands(program)
    .map((c) => c.name())
    .filter((n) => n !== "infisical");

  for (const shell of ["bash", "zsh", "fish", "powershell"]) {
    it(`${shell}: names every command and every visible flag`, async () => {
      const r = await runInProcess(["completion", shell]);
      expect(r.code).toBe(0);
      for (const name of names) expect(r.stdout).toContain(name);
      for (const flag of flags)
        expect(r.stdout).toContain(shell === "fish" ? `-l ${flag.slice(2)}` : flag);
      if (shell === "powershell") return expect(unbalancedPowerShell(r.stdout)).toEqual([]);
      const checker = spawnSync(shell, ["-n"], { input: r.stdout, encoding: "utf8" });
      if (!checker.error) expect(checker.status, checker.stderr).toBe(0);
    });
  }

  it("bash completes commands, flags and values", async () => {
    const script = (await runInProcess(["completion", "bash"])).stdout;
    const complete = (line: string) => {
      const words = line.split(" ");
      const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _infisical; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync("bash", ["-c", program], { encoding: "utf8" }).stdout.trim().split("\n");
    };
    expect(complete("infisical serv")).toEqual(["service-token"]);
    expect(complete("infisical service-token ")).toEqual(
      expect.arrayContaining(["create", "list", "delete", "view"]),
    );
    expect(complete("infisical service-token create --sc")).toEqual(["--scope"]);
    expect(complete("infisical service-token create -s dev:/ --access-level ")).toEqual([
      "read",
      "write",
      "read,write",
    ]);
    expect(complete("infisical --domain https://x service-token create --tok")).toEqual([
      "--token-only",
      "--token",
    ]);
    expect(complete("infisical completion ")).toEqual(
      expect.arrayContaining(["bash", "zsh", "fish"]),
    );
  });

  it("rejects an unknown shell", async () => {
    const r = await runInProcess(["completion", "cmd"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Allowed choices are bash, zsh, fish, powershell");
  });

  it("powershell: quotes in descriptions are doubled, the command tree is data, tabs split tooltips", async () => {
    const script = (await runInProcess(["completion", "powershell"])).stdout;
    expect(script).toContain("Register-ArgumentCompleter -Native -CommandName infisical");
    expect(script).toContain("'list\tlist the project''s service tokens, newest first'");
    expect(script).toMatch(/^ {4}'service-token create' = @\('-s\t/m);
    expect(script).toContain(
      "$flagValues = @{ '--access-level' = @('read', 'write', 'read,write')",
    );
    expect(script).toContain(
      "$dataArguments = @{ 'service-token delete' = 'tokens'; 'service-token rotate' = 'tokens'; 'service-token migrate' = 'tokens'; 'identity view' = 'identities'; 'identity delete' = 'identities' }",
    );
  });

  // No PowerShell on this machine (none on the npm registry or in Debian); where one is, it
  // completes for real through TabExpansion2.
  const pwsh = spawnSync("pwsh", ["-NoProfile", "-Command", "exit 0"]).status === 0;
  it.skipIf(!pwsh)("powershell completes commands and values (needs pwsh)", async () => {
    const script = (await runInProcess(["completion", "powershell"])).stdout;
    const complete = (line: string) =>
      spawnSync(
        "pwsh",
        [
          "-NoProfile",
          "-Command",
          `${script}\n(TabExpansion2 '${line}' ${line.length}).CompletionMatches.CompletionText`,
        ],
        { encoding: "utf8" },
      )
        .stdout.trim()
        .split(/\r?\n/);
    expect(complete("infisical serv")).toEqual(["service-token"]);
    expect(complete("infisical service-token create --access-level ")).toEqual([
      "read",
      "write",
      "read,write",
    ]);
  });
});

describe("infisical __complete (for the completion scripts)", () => {
  it("prints candidates with descriptions, and nothing (exit 0) when logged out", async () => {
    const env = {
      ...(await loggedInEnv(ctx.server)),
      INFISICAL_PROJECT_ID: ctx.server.demo.project.id,
    };
    const environments = await runInProcess(["__complete", "environments"], { env });
    expect(environments.stdout).toBe(
      "dev:/\tDevelopment\nstaging:/\tStaging\nprod:/\tProduction\n",
    );
    const projects = await runInProcess(["__complete", "projects"], { env });
    expect(projects.stdout).toContain(`${ctx.server.demo.project.id}\tDemo Project`);
    const identity = ctx.server.state.identities.addIdentity(
      "deploy bot",
      ctx.server.demo.organization.id,
      "no-access",
    );
    const identities = await runInProcess(["__complete", "identities"], { env });
    expect(identities.stdout).toContain(`${identity.id}\tdeploy bot`);
    const loggedOut = await runInProcess(["__complete", "tokens"], {
      env: { INFISICAL_DOMAIN: ctx.server.url, INFISICAL_PROJECT_ID: ctx.server.demo.project.id },
    });
    expect(loggedOut).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });
});

/**
 * What a PowerShell parser would reject first: an unclosed string, brace or parenthesis
 * (single-quoted strings double their quotes, double-quoted ones escape with a backtick).
 */
function unbalancedPowerShell(script: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const pairs: Record<string, string> = { "}": "{", ")": "(" };
  let i = 0;
  while (i < script.length) {
    const c = script[i] as string;
    if (c === "#") {
      i = script.indexOf("\n", i);
      if (i < 0) break;
    } else if (c === "'") {
      i++;
      while (i < script.length && !(script[i] === "'" && script[i + 1] !== "'")) {
        i += script[i] === "'" ? 2 : 1;
      }
      if (i >= script.length) problems.push("unclosed single-quoted string");
    } else if (c === '"') {
      i++;
      while (i < script.length && script[i] !== '"') i += script[i] === "`" ? 2 : 1;
      if (i >= script.length) problems.push("unclosed double-quoted string");
    } else if (c === "{" || c === "(") {
      open.push(c);
    } else if (c === "}" || c === ")") {
      if (open.pop() !== pairs[c]) problems.push(`unmatched ${c} at ${i}`);
    }
    i++;
  }
  if (open.length > 0) problems.push(`unclosed ${open.join("")}`);
  return problems;
}
