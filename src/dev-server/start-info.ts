import { DEMO_PASSWORD } from "./seed.js";
import { DEMO_MFA_CODE, type DevServer } from "./server.js";

/** What `dev-server --json` prints on its start line (and the library fixture returns). */
export function startInfo(server: DevServer, mfa: boolean) {
  const { demo } = server;
  return {
    url: server.url,
    apiUrl: `${server.url}/api`,
    email: demo.user.email,
    password: DEMO_PASSWORD,
    organizationId: demo.organization.id,
    organizationName: demo.organization.name,
    projectId: demo.project.id,
    projectName: demo.project.name,
    environments: demo.project.environments.map((e) => e.slug),
    mfaCode: mfa ? DEMO_MFA_CODE : null,
  };
}
