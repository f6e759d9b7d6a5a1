import type { Demo } from "./seed.js";
import { issueAccessToken, type TokenDeps } from "./tokens.js";

/**
 * The dev server's stand-in for the web app's login page (`/login?callback_port=N`, the page
 * `infisical login` opens): it logs in the demo user at once and posts the login to the CLI's
 * callback on 127.0.0.1, as the web app does, so the browser flow can be tried offline. A dev
 * server only: its demo password is public anyway.
 */
export function loginPage(query: URLSearchParams, deps: TokenDeps, demo: Demo): string | undefined {
  const port = query.get("callback_port") ?? "";
  if (!/^\d{1,5}$/.test(port)) return undefined;
  const token = issueAccessToken(deps, {
    userId: demo.user.id,
    organizationId: demo.organization.id,
  });
  // Embedded as JSON, with "<" escaped so nothing in it can end the script element.
  const data = JSON.stringify({ port, token, email: demo.user.email }).replaceAll("<", "\\u003c");
  return `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Infisical dev server: log in</title></head>
<body>
<p id="status">Logging in to the CLI as ${demo.user.email}…</p>
<script>
const login = ${data};
const status = document.getElementById("status");
fetch("http://127.0.0.1:" + login.port + "/", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ JTWToken: login.token, email: login.email, privateKey: "" }),
})
  .then((answer) => {
    status.textContent = answer.ok
      ? "Logged in: you can close this page and return to the terminal."
      : "The CLI did not accept the login (" + answer.status + ").";
  })
  .catch((error) => (status.textContent = "Could not reach the CLI: " + error));
</script>
</body>
</html>
`;
}
