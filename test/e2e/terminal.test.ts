/**
 * What a person sees in a real terminal (a pseudo-terminal made by util-linux `script`): tables
 * at the terminal's width, prompts drawn by Inquirer, masked passwords. The flows behind the
 * prompts are tested in-process with scripted answers (test/commands/).
 */
import { spawn } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { DEMO_MFA_CODE } from "../../src/dev-server/server.js";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/dev-server/seed.js";
import { BIN, baseEnv, runCli, runInTerminal, tempDir } from "../helpers/cli.js";
import { addToken, createArgs, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();
const project = () => ctx.server.demo.project.id;

function sessions(env: Record<string, string | undefined>) {
  return JSON.parse(readFileSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8"))
    .sessions as { organizationId: string }[];
}

describe("in a terminal", () => {
  it("service-token list with 40 tokens fits a terminal of 60, 80 and 120 columns", async () => {
    const env = await loggedInEnv(ctx.server);
    for (let i = 0; i < 40; i += 1) {
      addToken(ctx.server, {
        name: i % 2 ? `deploy pipeline for service number ${i}` : `ci-${i}`,
        scopes: [
          { environment: "dev", secretPath: "/backend/**" },
          { environment: "staging", secretPath: "/" },
        ],
        permissions: i % 3 ? ["read"] : ["read", "write"],
        expiresInSeconds: i % 4 ? 86_400 * (1 + i) : null,
      });
    }
    for (const columns of [60, 80, 120]) {
      const { code, screen } = await runInTerminal(
        ["service-token", "list", "--projectId", project()],
        [],
        { env, columns },
      );
      expect(code, screen).toBe(0);
      const lines = screen.split(/\r?\n/).filter((l) => l.trim());
      expect(lines[0]).toMatch(/^ID\s+NAME\s+.*ACCESS\s+EXPIRES/);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(columns);
      for (const row of lines.slice(1, 41))
        expect(row).toMatch(/in \d+ (days?|weeks?|months?)|never/);
      if (columns < 120)
        expect(screen).toContain("hidden to fit: LAST USED, CREATED (--json has all)");
    }
  });

  it("asks for confirmation in a terminal", async () => {
    const env = await loggedInEnv(ctx.server);
    const id = (await runCli(createArgs(project(), "--token-only"), { env })).stdout.split(
      ".",
    )[1] as string;
    const declined = await runInTerminal(
      ["service-token", "delete", id],
      [[/Delete service token/, "n\r"]],
      { env },
    );
    expect(declined.code).toBe(2);
    expect(declined.screen).toContain("cancelled: nothing was deleted");
    const accepted = await runInTerminal(
      ["service-token", "delete", id],
      [[/Delete service token/, "y\r"]],
      { env },
    );
    expect(accepted.code, accepted.screen).toBe(0);
    expect(accepted.screen).toContain(`Deleted ${id}`);
  });

  it("prune shows the table of what it will delete at 80 columns, and asks", async () => {
    const env = await loggedInEnv(ctx.server);
    // The demo project: the other tests here leave no expired tokens in it.
    const project = ctx.server.demo.project;
    for (let i = 0; i < 3; i += 1)
      addToken(ctx.server, {
        name: `expired deploy pipeline number ${i}`,
        projectId: project.id,
        expiresInSeconds: -86_400 * (i + 1),
      });
    addToken(ctx.server, {
      name: "still good",
      projectId: project.id,
      expiresInSeconds: 86_400,
    });
    const declined = await runInTerminal(
      ["service-token", "prune", "--expired", "--projectId", project.id],
      [[/Delete these 3 tokens\?/, "n\r"]],
      { env, columns: 80 },
    );
    expect(declined.code, declined.screen).toBe(2);
    // What the terminal shows of each line: after the last return to column 1, without escapes.
    const shown = declined.screen
      .split(/\r?\n/)
      .map((line) =>
        stripVTControlCharacters(line.split("\r").at(-1)?.split("\u001b[G").at(-1) ?? ""),
      );
    for (const line of shown) expect(line.length, JSON.stringify(line)).toBeLessThanOrEqual(80);
    expect(declined.screen).toMatch(/3 of \d+ service tokens match expired:/);
    expect(declined.screen).toMatch(/ID\s+NAME/);
    expect(declined.screen).not.toContain("still good");
    const accepted = await runInTerminal(
      ["service-token", "prune", "--expired", "--projectId", project.id],
      [[/Delete these 3 tokens\?/, "y\r"]],
      { env, columns: 80 },
    );
    expect(accepted.code, accepted.screen).toBe(0);
    expect(accepted.screen.match(/Deleted [0-9a-f-]{36}/g)).toHaveLength(3);
  });

  it("picks a project and confirms overwriting in a terminal", async () => {
    const env = await loggedInEnv(ctx.server);
    const dir = tempDir();
    writeFileSync(join(dir, ".infisical.json"), '{"workspaceId":"old"}');
    const second = ctx.server.state.addProject(ctx.server.demo.organization.id, "Zeta Project");
    const { code, screen } = await runInTerminal(
      ["init"],
      [
        [/Which project/, "\u001b[B\r"],
        [/Overwrite it\?/, "y\r"],
      ],
      { env, cwd: dir },
    );
    expect(code, screen).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, ".infisical.json"), "utf8"));
    expect([ctx.server.demo.project.id, second.id]).toContain(written.workspaceId);
    expect(written.workspaceId).not.toBe("old");
  });
});

describe("feedback while waiting", () => {
  it("a slow request shows a spinner on the terminal, gone before the output; a fast one shows none", async () => {
    const env = await loggedInEnv(ctx.server);
    const args = ["service-token", "list", "--projectId", project()];
    ctx.server.faults.add({ method: "GET", times: 1, fault: { kind: "delay", ms: 1500 } });
    const slow = await runInTerminal(args, [], { env, columns: 80 });
    expect(slow.code, slow.screen).toBe(0);
    expect(slow.screen).toContain(`waiting for ${ctx.server.url}`);
    // The cursor is shown again.
    expect(slow.screen).toContain("\u001b[?25h");
    const fast = await runInTerminal(args, [], { env, columns: 80 });
    expect(fast.screen).not.toContain("waiting for");
    // Piped, never.
    ctx.server.faults.add({ method: "GET", times: 1, fault: { kind: "delay", ms: 1500 } });
    const piped = await runCli(args, { env });
    expect(piped.stderr).not.toContain("waiting for");
  });
});

describe("interactive login in a terminal", () => {
  const withMfa = useDevServer({ mfa: true, organizations: ["Second Org"] });

  it("prompts for e-mail, masked password, organization and MFA code (with a retry)", async () => {
    const env = { ...baseEnv(tempDir()), INFISICAL_DOMAIN: withMfa.server.url, BROWSER: "none" };
    const { code, screen } = await runInTerminal(
      ["login", "--email", DEMO_EMAIL],
      [
        [/Password/, `${DEMO_PASSWORD}\r`],
        [/Which organization/, "\u001b[B\r"],
        [/MFA code/, "999999\r"],
        [/tries here[\s\S]*MFA code/, `${DEMO_MFA_CODE}\r`],
      ],
      { env },
    );
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(DEMO_PASSWORD);
    expect(screen).toContain("*".repeat(DEMO_PASSWORD.length));
    expect(screen).toContain("that code was not accepted; 2 more tries here");
    expect(screen).toContain(`Logged in to ${withMfa.server.url} as ${DEMO_EMAIL}`);
    const second = [...withMfa.server.state.organizations.values()].find(
      (o) => o.name === "Second Org",
    );
    expect(sessions(env)[0]?.organizationId).toBe(second?.id);
  });
});

describe("completion that knows the data", () => {
  it("bash offers the project's environments, the organization's projects and the token ids; nothing, at once, when offline", async () => {
    const env = await loggedInEnv(ctx.server);
    const pathDir = tempDir();
    symlinkSync(BIN, join(pathDir, "infisical"));
    const script = (await runCli(["completion", "bash"], { env })).stdout;
    const id = (await runCli(createArgs(project(), "--token-only"), { env })).stdout.split(".")[1];
    // Asynchronous: the dev server answering the completion runs in this process.
    const complete = async (line: string, extra: Record<string, string> = {}) => {
      const words = line.split(" ");
      const program = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _infisical; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const started = Date.now();
      const child = spawn("bash", ["-c", program], {
        env: {
          ...env,
          INFISICAL_PROJECT_ID: project(),
          PATH: `${pathDir}:${process.env.PATH}`,
          ...extra,
        },
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      await new Promise((resolve) => child.on("close", resolve));
      const lines = out.trim();
      return { words: lines ? lines.split("\n") : [], ms: Date.now() - started };
    };
    expect((await complete("infisical service-token create --scope ")).words).toEqual([
      "dev:/",
      "staging:/",
      "prod:/",
    ]);
    expect((await complete("infisical service-token list --projectId ")).words).toContain(
      project(),
    );
    expect((await complete("infisical service-token delete ")).words).toContain(id);
    const offline = await complete("infisical service-token create --scope ", {
      INFISICAL_DOMAIN: "http://127.0.0.1:9",
    });
    expect(offline.words).toEqual([]);
    expect(offline.ms).toBeLessThan(3_000);
  });
});
