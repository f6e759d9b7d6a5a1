#!/bin/sh
# The keyring tests against a real Secret Service: a private D-Bus session with its own
# gnome-keyring-daemon, whose keyrings live in a fresh directory (never the user's), unlocked
# with a throw-away password. Needs Debian's dbus, gnome-keyring and libsecret-tools.
set -eu
exec dbus-run-session -- sh -c '
  export XDG_DATA_HOME="$(mktemp -d)"
  printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  INFISICAL_TEST_PRIVATE_KEYRING=1 npx vitest run test/keyring
  status=$?
  rm -rf "$XDG_DATA_HOME"
  exit $status
'
