import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process.js";
import { createArgs, createRequests, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();

async function create(args: string[], envExtra: Record<string, string> = {}) {
  const env = await loggedInEnv(ctx.server);
  return runInProcess(
    ["service-token", "create", "--projectId", ctx.server.demo.project.id, ...args],
    {
      env: { ...env, ...envExtra },
    },
  );
}

describe("usage errors exit 2 before any request", () => {
  const cases: [string[], string][] = [
    [["-a", "read"], "error: no scope given: say which environments and paths the token may use"],
    [
      ["-s", "dev", "-a", "read"],
      'error: invalid --scope "dev": it has no path; add one after a colon',
    ],
    [
      ["-s", ":/x", "-a", "read"],
      "error: invalid --scope \":/x\": the environment slug before ':' is missing",
    ],
    [
      ["-s", "dev:", "-a", "read"],
      "error: invalid --scope \"dev:\": the path after ':' is missing",
    ],
    [
      ["-s", "dev:backend", "-a", "read"],
      "error: invalid --scope \"dev:backend\": the path must start with '/' (did you mean dev:/backend?)",
    ],
    [["-s", "dev:/,", "-a", "read"], 'error: invalid --scope "": it is empty (a stray comma?)'],
    [["-s", "d v:/", "-a", "read"], "an environment slug has only letters, digits, '-' and '_'"],
    [
      ["-s", 'dev:/a"b', "-a", "read"],
      "error: invalid value for --scope: a bare double quote inside an unquoted item",
    ],
    [
      ["-s", "dev:/"],
      "error: no access level given: say whether the token may read, write or both",
    ],
    [["-s", "dev:/", "-a", "admin"], 'error: invalid --access-level "admin": use read or write'],
    [
      ["-s", "dev:/", "-a", "read", "-e", "-1"],
      'error: invalid --expiry-seconds "-1": use a whole number of seconds from 0 (never expires) to 315360000 (10 years)',
    ],
    [["-s", "dev:/", "-a", "read", "-e", "1.5"], 'error: invalid --expiry-seconds "1.5"'],
    [["-s", "dev:/", "-a", "read", "-e", "abc"], 'error: invalid --expiry-seconds "abc"'],
    [
      ["-s", "dev:/", "-a", "read", "-e", "315360001"],
      'error: invalid --expiry-seconds "315360001"',
    ],
    [
      ["-s", "dev:/", "-a", "read", "--expires-in", "3 days"],
      'error: invalid --expires-in "3 days": not a duration',
    ],
    [["-s", "dev:/", "-a", "read", "--expires-in", "11y"], "the longest expiry is 10 years"],
    [
      ["-s", "dev:/", "-a", "read", "-e", "60", "--expires-in", "1h"],
      "error: --expiry-seconds and --expires-in cannot be used together",
    ],
    [["-s", "dev:/", "-a", "read", "-n", "  "], "error: --name is blank"],
    [
      ["-s", "dev:/", "-a", "read", "--json", "--token-only"],
      "error: option '--token-only' cannot be used with option '--json'",
    ],
    // TOKEN=$(… --token-only --dry-run) would capture the whole request.
    [
      ["-s", "dev:/", "-a", "read", "--dry-run", "--token-only"],
      "error: option '--token-only' cannot be used with option '--dry-run'",
    ],
    [["-s", "dev:/", "-a", "read", "--frobnicate"], "error: unknown option '--frobnicate'"],
    [["-s", "dev:/", "-a", "read", "extra"], "error: too many arguments"],
    [["-s", "dev:/", "-a", "read", "--projectId", " "], "error: --projectId is empty"],
    [["-s"], "error: option '-s, --scope <env:path>' argument missing"],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(" ")}`, async () => {
      const r = await create(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(message);
      expect(ctx.server.requests).toHaveLength(0);
    });
  }

  it("a bad --timeout is a usage error", async () => {
    const r = await runInProcess(["--timeout", "soon", "service-token", "create"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: option '--timeout <seconds>' argument 'soon' is invalid");
    // What the help promises is what is accepted: from 0.001 to 3600 seconds.
    for (const outside of ["0", "0.0001", "3601"]) {
      const refused = await runInProcess(["--timeout", outside, "service-token", "create"]);
      expect(refused.code, outside).toBe(2);
      expect(refused.stderr).toContain("use a number of seconds from 0.001 to 3600");
    }
    const smallest = await runInProcess(["--timeout", "0.001", "whoami"]);
    expect(smallest.code).toBe(4); // parsed, then not logged in
  });
});

describe("--dry-run", () => {
  it("shows the request and sends nothing", async () => {
    const r = await create(["-s", "dev:/", "-a", "read", "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`POST ${ctx.server.url}/api/v2/service-token`);
    expect(r.stdout).toContain("User-Agent: cli");
    expect(r.stdout).toContain(
      "Authorization: Bearer <user access token from the stored login for",
    );
    expect(r.stdout).toContain('"workspaceId": "' + ctx.server.demo.project.id + '"');
    expect(r.stdout).not.toMatch(/eyJ/);
    expect(r.stderr).toContain("dry run: nothing was sent");
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("with --json prints the request as JSON", async () => {
    const r = await create(["-s", "dev:/", "-a", "read,write", "--dry-run", "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      dryRun: true,
      method: "POST",
      body: { permissions: ["read", "write"], expiresIn: 86400 },
    });
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("still checks the credentials", async () => {
    const r = await runInProcess(createArgs("p", "--dry-run"), {
      env: { INFISICAL_DOMAIN: ctx.server.url },
    });
    expect(r.code).toBe(4);
  });
});

describe("HTTP details", () => {
  it("sends INFISICAL_CUSTOM_HEADERS but never lets them replace User-Agent or Accept", async () => {
    const r = await create(["-s", "dev:/", "-a", "read"], {
      INFISICAL_CUSTOM_HEADERS: `X-Team=ops X-Note="two words" user-agent=evil Accept=text/html X-Empty=`,
    });
    expect(r.code, r.stderr).toBe(0);
    const headers = createRequests(ctx.server)[0]?.headers ?? {};
    expect(headers["x-team"]).toBe("ops");
    expect(headers["x-note"]).toBe("two words");
    expect(headers["x-empty"]).toBe("");
    expect(headers["user-agent"]).toBe("cli");
    expect(headers.accept).toBe("application/json");
  });

  it("an invalid INFISICAL_CUSTOM_HEADERS is an error before any request", async () => {
    const r = await create(["-s", "dev:/", "-a", "read"], { INFISICAL_CUSTOM_HEADERS: "novalue" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "error: INFISICAL_CUSTOM_HEADERS is not valid: \"novalue\" has no '=value'",
    );
    expect(ctx.server.requests).toHaveLength(0);
  });

  it("--debug logs each request and response line with every credential redacted", async () => {
    const env = await loggedInEnv(ctx.server);
    const jwt = ctx.server.issueToken();
    const r = await runInProcess(
      createArgs(ctx.server.demo.project.id, "--debug", "--token", jwt),
      {
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`debug: → POST ${ctx.server.url}/api/v2/service-token`);
    expect(r.stderr).toMatch(/debug: ← 200 POST \S+ \(\d+ ms\)/);
    expect(r.stderr).not.toContain(jwt);
    expect(r.stderr).not.toContain(jwt.split(".")[2]);
    const token = r.stdout.trim();
    expect(r.stderr).not.toContain(token.split(".")[2]);
  });

  it("warns when credentials would travel over plain http to a remote host", async () => {
    const jwt = ctx.server.issueToken();
    const r = await create([
      "-s",
      "dev:/",
      "-a",
      "read",
      "--dry-run",
      "--domain",
      "http://infisical.example.com",
      "--token",
      jwt,
    ]);
    expect(r.stderr).toContain(
      "warning: http://infisical.example.com uses http://: credentials and tokens travel unencrypted",
    );
    expect(r.code).toBe(0);
    const silent = await create([
      "-s",
      "dev:/",
      "-a",
      "read",
      "--dry-run",
      "--silent",
      "--domain",
      "http://infisical.example.com",
      "--token",
      jwt,
    ]);
    expect(silent.stderr).toBe("");
  });
});

describe("help, version and colour", () => {
  it("every level of help has an example and shows the global options", async () => {
    for (const args of [
      ["--help"],
      ["service-token", "--help"],
      ["service-token", "create", "--help"],
      ["help", "service-token"],
    ]) {
      const r = await runInProcess(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples?:\n/);
    }
    const r = await runInProcess(["service-token", "create", "-h"]);
    expect(r.stdout).toContain("--token-only");
    expect(r.stdout).toContain("--domain <url>");
  });

  it("colours only when forced, never with NO_COLOR", async () => {
    const plain = await create(["-s", "dev"]);
    expect(plain.stderr).not.toContain("\u001b[");
    const forced = await create(["-s", "dev"], { FORCE_COLOR: "1" });
    expect(forced.stderr).toContain("\u001b[");
  });

  it("each stream decides for itself: `whoami > f` in a terminal writes no escape to the file", async () => {
    const env = { ...(await loggedInEnv(ctx.server)), NO_COLOR: undefined };
    const piped = await runInProcess(["whoami"], {
      env,
      terminal: { columns: 80, stdoutPiped: true },
    });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toContain("Logged in to");
    expect(piped.stdout).not.toContain("\u001b[");
    const shown = await runInProcess(["whoami"], { env, terminal: { columns: 80 } });
    expect(shown.stdout).toContain("\u001b[");
  });
});

describe("a question with no terminal to ask it on", () => {
  const ask = (platform: NodeJS.Platform) =>
    runInProcess(["service-token", "delete", "0123456789abcdef01234567"], {
      platform,
      env: { TERM_PROGRAM: "mintty", MSYSTEM: "MINGW64", TERM: "xterm" },
    });

  it("in Git Bash's mintty on Windows, says how to get a console (winpty, Windows Terminal)", async () => {
    const result = await ask("win32");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("hint: pass --yes to delete without a prompt");
    expect(result.stderr).toContain("run `winpty infisical …`, or use Windows Terminal");
  });

  it("elsewhere, only the flag that replaces the question", async () => {
    const result = await ask("linux");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("hint: pass --yes");
    expect(result.stderr).not.toContain("winpty");
  });

  it("a usage error that never wanted a terminal gets no such hint, even in mintty", async () => {
    const result = await runInProcess(["service-token", "create", "-a", "read"], {
      platform: "win32",
      env: { TERM_PROGRAM: "mintty" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain("winpty");
  });
});

describe("only the command run is defined, and that changes nothing a person sees", () => {
  it("a mistyped subcommand still gets the suggestion that needs all of them", async () => {
    const r = await runInProcess(["service-token", "crate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(Did you mean create?)");
  });

  it("a mistyped command still gets its suggestion", async () => {
    const r = await runInProcess(["whoamii"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(Did you mean whoami?)");
  });

  it("a global option's value that looks like a command does not choose the command", async () => {
    const r = await runInProcess(["--domain", "login", "whoami", "--offline"]);
    expect(r.stderr).toContain("invalid domain from --domain");
  });
});
