/**
 * `infisical help environment`: every environment variable the CLI reads (a test checks that
 * src/ reads no other), what it means and what takes precedence. Plain text without imports: the
 * entry answers it without loading the program.
 */
export const ENVIRONMENT_HELP = `Environment variables

Where a flag exists, the flag wins over the variable.

  INFISICAL_DOMAIN            Infisical instance (like --domain); before INFISICAL_API_URL, the
                              domain in .infisical.json, the last login and the cloud
  INFISICAL_API_URL           the same, as the Go CLI names it (https://host/api is accepted)
  INFISICAL_TOKEN             a user access token to act with (after --token, before the stored
                              login); a service or machine token here is skipped for user
                              commands, and is the token \`service-token view\` shows by default
  INFISICAL_PROJECT_ID        project id (after --projectId, before .infisical.json)
  INFISICAL_EMAIL             e-mail for \`login\` (after --email)
  INFISICAL_PASSWORD          password for \`login\` (after --password and --password-stdin)
  INFISICAL_ORGANIZATION_ID   organization for \`login\` (after --organization-id)
  INFISICAL_CUSTOM_HEADERS    extra request headers: 'X-A=1 X-B="two words"' (never User-Agent
                              or Accept)
  INFISICAL_SESSION_STORAGE   where \`login\` keeps the JWT (like --storage): auto (the OS keyring
                              when one answers, else the logins file), keyring or file
  INFISICAL_CONFIG_DIR        where logins are kept (default $XDG_CONFIG_HOME/infisical-ts, else
                              ~/.config/infisical-ts; Windows: %APPDATA%\\infisical-ts)
  INFISICAL_CACHE_DIR         where the start-up code cache is kept (default
                              $XDG_CACHE_HOME/infisical-ts, else ~/.cache/infisical-ts;
                              Windows: %LOCALAPPDATA%\\infisical-ts)
  INFISICAL_DISABLE_CODE_CACHE=1   no start-up code cache
  XDG_CONFIG_HOME, XDG_CACHE_HOME, HOME   the base of the two directories above
  CI=true (or 1)              never prompt (like --no-input); no spinner
  NO_COLOR                    no colour; FORCE_COLOR=1 colour even when piped (FORCE_COLOR=0 none)
  COLUMNS                     the width of tables when the terminal does not say
  BROWSER                     the command that opens the login page, split like a shell
                              ('open -a "Google Chrome"'; %s marks the URL; none: do not open
                              one); else open (macOS), xdg-open, or on Windows rundll32 from
                              %SystemRoot%\\System32 (SYSTEMROOT), never from the current folder
  TERM_PROGRAM=mintty, MSYSTEM with TERM   Git Bash's mintty on Windows, which gives programs no
                              console: an error that needed a question then suggests winpty
  NODE_OPTIONS                Node's own options; the code cache is kept apart per value
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY   a proxy for requests (read by the HTTP client)
  NODE_EXTRA_CA_CERTS         a PEM file of extra certificate authorities (read by Node)
`;
