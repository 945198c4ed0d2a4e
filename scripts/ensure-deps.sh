#!/usr/bin/env bash
# Installs what Berth needs on a fresh Debian machine, idempotently. Used by `npm start` and `npm test`.
#   bash scripts/ensure-deps.sh start   # docker.io (for the embedded engine), npm packages
#   bash scripts/ensure-deps.sh test    # also busybox-static, chromium, docker-registry, htpasswd, curl,
#                                       # docker-compose, QEMU, zstd, and gcc + libc6-dev (vm/testing/*.c)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-start}

# command → Debian package
declare -A need=([dockerd]=docker.io [curl]=curl)
if [ "$purpose" = test ]; then
  need+=([busybox]=busybox-static [chromium]=chromium [docker-registry]=docker-registry [htpasswd]=apache2-utils [docker-compose]=docker-compose [qemu-system-x86_64]=qemu-system-x86 [zstd]=zstd [cc]=gcc)
fi
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
done
# The VM smoke test builds two tiny static helpers (vm/testing/*.c): it needs libc's static archive.
if [ "$purpose" = test ] && ! [ -f /usr/lib/x86_64-linux-gnu/libc.a ] && ! [ -f /usr/lib/aarch64-linux-gnu/libc.a ]; then missing+=(libc6-dev); fi
if [ "$purpose" = test ] && ! [ -x /bin/busybox ] && ! command -v busybox >/dev/null 2>&1; then missing+=(busybox-static); fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "berth: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "berth: missing programs (Debian packages: ${missing[*]}); install them, e.g. sudo apt-get install ${missing[*]}" >&2
    [ "$purpose" = test ] && exit 1
  fi
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "berth: installing npm packages (npm ci)" >&2
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
fi
