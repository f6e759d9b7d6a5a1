import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/in-process.js";
import { createRequests, loggedInEnv, useDevServer } from "../helpers/dev-server.js";

const ctx = useDevServer();

const flagNames = [
  "-s",
  "--scope",
  "-a",
  "--access-level",
  "-n",
  "--name",
  "-e",
  "--expiry-seconds",
  "--expires-in",
  "--projectId",
  "--project-id",
  "--token-only",
  "--json",
  "--dry-run",
  "--token",
  "--domain",
  "--timeout",
  "--silent",
  "--debug",
  "--bogus",
];
const values = fc.oneof(
  fc.constantFrom(
    "dev:/",
    "dev",
    ":/x",
    "prod:/a/**",
    "read",
    "write",
    "read,write",
    "admin",
    "7d",
    "never",
    "-1",
    "0",
    "1.5",
    "x".repeat(300),
    "",
    '"',
    "dev:/{a,b}",
    "st.a.b",
    "http://127.0.0.1:9",
  ),
  fc.string({ maxLength: 20 }),
);
const argv = fc.array(fc.oneof(fc.constantFrom(...flagNames), values), { maxLength: 8 });

describe("random argv for service-token create", () => {
  it("never crashes: exit 0, 1, 2 or 4, no stack trace, and no request for a usage error", async () => {
    const env = await loggedInEnv(ctx.server);
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        ctx.server.requests.length = 0;
        const r = await runInProcess(
          [
            "service-token",
            "create",
            "--projectId",
            ctx.server.demo.project.id,
            "--timeout",
            "2",
            ...args,
          ],
          { env },
        );
        expect([0, 1, 2, 4]).toContain(r.code);
        // Stack traces are for --debug only.
        if (!args.includes("--debug")) expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        expect(r.stderr).not.toContain("unexpected failure");
        if (r.code === 2) expect(createRequests(ctx.server)).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
