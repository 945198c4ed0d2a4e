#!/usr/bin/env bash
# `npm start`: get Berth running on this machine, installing only what is missing.
#   1. Docker Engine: on Debian/Ubuntu as root, `apt-get install docker.io` when there is no dockerd
#      and no engine to talk to (Berth then runs its own dockerd).
#   2. npm packages: `npm ci` when node_modules is missing or older than package-lock.json.
#   3. Build: when dist/ is missing or older than the sources.
#   4. Launch: the desktop app when Electron's binary is installed, works and has a display;
#      otherwise browser mode (`node dist/server/main.js`, which prints the address to open).
# Arguments are passed on (e.g. `npm start -- --port 8080 --docker-host unix:///run/docker.sock`).
# BERTH_START_DRY_RUN=1 prints what it would do instead of doing it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DRY=${BERTH_START_DRY_RUN:-}

say() { printf 'berth: %s\n' "$*" >&2; }
# Runs a setup step with its output on stderr: stdout carries only Berth's own "ready" line.
step() {
  if [ -n "$DRY" ]; then say "[dry run] $*"; else "$@" >&2; fi
}
launch() {
  if [ -n "$DRY" ]; then say "[dry run] exec $*"; exit 0; fi
  exec "$@"
}

command -v node >/dev/null 2>&1 || { say "Node.js 20.19 or newer is needed (https://nodejs.org, or: apt-get install nodejs npm)."; exit 1; }

# 1. Docker Engine ----------------------------------------------------------------------------------
engine_configured() { [ -n "${DOCKER_HOST:-}" ] || [ -S /var/run/docker.sock ]; }
if ! command -v dockerd >/dev/null 2>&1 && ! engine_configured; then
  if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Docker Engine (the Debian package docker.io), which Berth runs for you…"
    step apt-get update
    step env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io
  else
    say "Docker Engine is not installed; Berth will start and show how to install it."
  fi
fi

# 2. npm packages -----------------------------------------------------------------------------------
electron_binary() {
  local txt=node_modules/electron/path.txt bin
  [ -f "$txt" ] || return 1
  bin="node_modules/electron/dist/$(cat "$txt")"
  [ -x "$bin" ] || return 1
  printf '%s\n' "$bin"
}
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages (npm ci)…"
  step env ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  # Electron's binary comes from GitHub, not the npm registry: try once, and carry on without it.
  if ! electron_binary >/dev/null; then
    say "Fetching Electron's binary (optional: browser mode works without it)…"
    step timeout 600 node node_modules/electron/install.js || say "Electron's binary could not be downloaded."
  fi
fi

# 3. Build ------------------------------------------------------------------------------------------
outputs=(dist/renderer/index.html dist/server/main.js dist/electron/main.js dist/electron/preload.cjs)
sources=(contract engine server electron renderer vm assets scripts/build-node.mjs package-lock.json)
build_stale() {
  local out existing=()
  for src in "${sources[@]}"; do [ -e "$src" ] && existing+=("$src"); done
  for out in "${outputs[@]}"; do
    [ -f "$out" ] || return 0
    [ -n "$(find "${existing[@]}" -type f ! -name '*.test.ts' ! -name '*.test.tsx' ! -path '*/node_modules/*' -newer "$out" -print -quit)" ] && return 0
  done
  return 1
}
if build_stale; then
  say "Building Berth…"
  step npm run build
fi

# 4. Launch -----------------------------------------------------------------------------------------
why_not_desktop() {
  local bin
  if ! bin=$(electron_binary); then
    echo "Electron's binary is not installed on this machine (its download is not reachable), so Berth is starting in browser mode."
    return
  fi
  case "$(uname -s)" in
    Linux)
      if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "There is no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset), so Berth is starting in browser mode."
        return
      fi ;;
  esac
  if ! ELECTRON_RUN_AS_NODE=1 "$bin" -e 'process.exit(0)' >/dev/null 2>&1; then
    echo "Electron's binary is installed but cannot run here (missing system libraries?), so Berth is starting in browser mode."
  fi
}

reason=$(why_not_desktop)
if [ -z "$reason" ]; then
  bin=$(electron_binary)
  extra=()
  if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ]; then
    say "Running as root: Chromium's OS sandbox cannot be used, so Electron starts with --no-sandbox (run as a normal user to keep it)."
    extra+=(--no-sandbox)
  fi
  launch "$bin" "${extra[@]}" "$ROOT" "$@"
fi
say "$reason"
launch node dist/server/main.js "$@"
