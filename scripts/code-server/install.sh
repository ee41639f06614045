#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 served to a browser) from the npm registry, offline from
# anything else, into a cache folder. Idempotent: a second run with the same version is instant.
#
# Why these steps: code-server's own postinstall downloads ripgrep from GitHub, which this network
# refuses, so the install runs with --ignore-scripts and then does by hand what the postinstall would
# (see ../shared/notes/real-vscode-offline.md). Debian packages it needs are installed by .ci/run:
# build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium.
#
# Prints the path of code-server's entry.js on stdout and nothing else there.
set -euo pipefail

version="4.100.3"
cache="${POSTMORTEM_CODE_SERVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/postmortem/code-server-$version}"
entry="$cache/node_modules/code-server/out/node/entry.js"
stamp="$cache/.installed"

if [[ -f "$stamp" && -f "$entry" ]]; then
  echo "$entry"
  exit 0
fi

for tool in rg; do
  command -v "$tool" >/dev/null || { echo "code-server install: '$tool' is missing (apt-get install ripgrep)" >&2; exit 3; }
done

# Node's headers come from the Debian package; otherwise node-gyp tries to download them.
# node-pty's install runs `npx node-gyp`, and npx must not stop at a prompt.
export npm_config_nodedir=/usr npm_config_yes=true npm_config_fund=false npm_config_audit=false
log="$cache.log"
mkdir -p "$cache"
echo "installing code-server $version into $cache (log: $log)" >&2
# Every step must succeed: a failed native build must not be stamped as a good install.
# (bash ignores set -e anywhere inside `( ... ) || handler` or `if ( ... )`, so the subshell runs as a
# plain statement and its status is read afterwards.)
set +e
(
  set -eEuo pipefail
  exec >"$log" 2>&1
  trap 'echo "step failed: $BASH_COMMAND"' ERR
  cd "$cache"
  [[ -f package.json ]] || echo '{"name":"code-server-cache","private":true}' > package.json
  npm install --ignore-scripts --no-save "code-server@$version"
  npm rebuild argon2 --build-from-source

  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts
  # ripgrep's install step exits early when bin/ exists: give it Debian's rg.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --foreground-scripts
  # The links code-server's postinstall would make.
  ln -sfn node_modules node_modules.asar
  ln -sf code-linux.sh bin/remote-cli/code-server
  ln -sf browser-linux.sh bin/helpers/browser.sh
  cd extensions
  npm install --omit=dev --ignore-scripts
)
status=$?
set -e
if [[ $status -ne 0 ]]; then
  echo "code-server install failed; last lines of $log:" >&2
  tail -20 "$log" >&2
  rm -f "$stamp"
  exit 3
fi

node "$entry" --version >/dev/null 2>&1 || { echo "code-server installed but does not start: $entry --version failed" >&2; exit 3; }
touch "$stamp"
echo "$entry"
