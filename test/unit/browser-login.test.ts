import { PassThrough } from "node:stream";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { decodePastedToken, waitForBrowserLogin } from "../../src/auth/browser-login.js";
import { createLogger } from "../../src/output/logger.js";

function options(timeoutMs: number) {
  const stderr = new PassThrough();
  let said = "";
  stderr.on("data", (d) => (said += d));
  return {
    said: () => said,
    options: {
      siteUrl: "https://app.example.com",
      logger: createLogger({
        stderr,
        paint: () => new Chalk({ level: 0 }),
        silent: false,
        debug: false,
      }),
      stderr,
      stdin: new PassThrough(),
      env: {},
      open: false,
      timeoutMs,
    },
  };
}

describe("browser login", () => {
  it("gives up with a clear error when nothing arrives in time", async () => {
    const { options: o, said } = options(50);
    await expect(waitForBrowserLogin(o)).rejects.toThrow(
      "no login arrived from the browser within 10 minutes",
    );
    expect(said()).toMatch(
      /Log in with your browser: https:\/\/app\.example\.com\/login\?callback_port=\d+/,
    );
  });

  it("takes the web app's pasted token (base64 of its JSON) or a user access token as it is", () => {
    const json = JSON.stringify({ JTWToken: "eyJ.x.y", email: "a@b.c", privateKey: "" });
    expect(decodePastedToken(Buffer.from(json).toString("base64"))).toEqual({ token: "eyJ.x.y" });
    expect(decodePastedToken(` ${Buffer.from(json).toString("base64")}\n`)).toEqual({
      token: "eyJ.x.y",
    });
    const jwt = [
      Buffer.from('{"alg":"HS256"}').toString("base64url"),
      Buffer.from('{"authTokenType":"accessToken","userId":"u"}').toString("base64url"),
      "sig",
    ].join(".");
    expect(decodePastedToken(` ${jwt}\n`)).toEqual({ token: jwt });
    expect(decodePastedToken("not base64 at all")).toBeUndefined();
    expect(decodePastedToken(Buffer.from('{"email":"a@b.c"}').toString("base64"))).toBeUndefined();
  });
});
