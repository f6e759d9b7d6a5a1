/**
 * The browser login, whole: `infisical login` in a terminal opens the dev server's /login page in
 * a real headless Chromium, which posts the login to the CLI's callback. Needs Debian's
 * chromium (.ci/run installs it); without it the test is skipped, and says why.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseEnv, runInTerminal, tempDir } from "../helpers/cli.js";
import { useDevServer } from "../helpers/dev-server.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ctx = useDevServer();

describe("browser login in headless Chromium", () => {
  it.skipIf(!hasChromium)(
    `completes against the dev server's /login page${hasChromium ? "" : " (skipped: /usr/bin/chromium is not installed)"}`,
    // Chromium is a whole browser on a 2-core machine shared with the rest of the suite: one
    // retry (a fresh browser and login) before a failure counts.
    { timeout: 90_000, retry: 1 },
    async () => {
      const dir = tempDir();
      const browser = join(dir, "browser");
      // What BROWSER names is run with the URL, as xdg-open would be. --dump-dom alone may exit at
      // the page's load event, before the page's POST to the callback is sent; a virtual time
      // budget keeps the page running until the network is idle.
      writeFileSync(
        browser,
        `#!/bin/sh\nexec ${CHROMIUM} --headless --no-sandbox --disable-gpu --virtual-time-budget=30000 --user-data-dir=${join(dir, "profile")} --dump-dom "$1" >>${join(dir, "browser.log")} 2>&1\n`,
      );
      chmodSync(browser, 0o755);
      const env: Record<string, string> = {
        ...baseEnv(dir),
        INFISICAL_DOMAIN: ctx.server.url,
        BROWSER: browser,
      };
      const { code, screen } = await runInTerminal(["login"], [], {
        env,
        columns: 100,
        timeoutMs: 60_000,
      });
      // What the browser printed (its DOM at the end, its errors) says where a failure lies.
      const browserLog = join(dir, "browser.log");
      const printed = existsSync(browserLog) ? readFileSync(browserLog, "utf8").slice(-3000) : "";
      expect(code, `${screen}\n--- browser ---\n${printed}`).toBe(0);
      expect(screen).toContain(`Log in with your browser: ${ctx.server.url}/login?callback_port=`);
      expect(screen).toContain(`Logged in to ${ctx.server.url} as ${ctx.server.demo.user.email}`);
      const stored = JSON.parse(
        readFileSync(join(env.INFISICAL_CONFIG_DIR as string, "sessions.json"), "utf8"),
      ).sessions[0];
      expect(stored).toMatchObject({
        email: ctx.server.demo.user.email,
        organizationId: ctx.server.demo.organization.id,
      });
    },
  );
});
