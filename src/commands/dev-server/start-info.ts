import { DEMO_PASSWORD } from "../../dev-server/seed.js";
import { DEMO_MFA_CODE, type DevServer } from "../../dev-server/server.js";

/** What a person or a script needs to start using the server (`--json` prints exactly this). */
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

export function humanStartInfo(info: ReturnType<typeof startInfo>): string {
  const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;
  return [
    `Infisical dev server running at ${info.url} (API ${info.apiUrl})`,
    "Everything is kept in memory and lost when it stops. Press Ctrl-C to stop.",
    "",
    row("Email", info.email),
    row("Password", info.password),
    ...(info.mfaCode ? [row("MFA code", info.mfaCode)] : []),
    row("Organization", `${info.organizationName} (${info.organizationId})`),
    row("Project", `${info.projectName} (${info.projectId})`),
    row("Environments", info.environments.join(", ")),
    "",
    "Try it from another terminal:",
    `  export INFISICAL_DOMAIN=${info.url}`,
    `  echo '${info.password}' | infisical login --email ${info.email} --password-stdin${info.mfaCode ? ` --mfa-code ${info.mfaCode}` : ""}`,
    `  infisical service-token create --projectId ${info.projectId} --scope dev:/ --access-level read`,
    "",
  ].join("\n");
}
