import type { startInfo } from "../../dev-server/start-info.js";

/** The start line for a person (`--json` prints startInfo as it is). */
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
