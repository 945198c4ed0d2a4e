#!/usr/bin/env bash
# `npm run vm:image [-- --arch arm64] [-- --rebuild]`: builds (or reuses) the VM guest image; see vm/image/.
set -euo pipefail
exec bash "$(dirname "$0")/../vm/image/build.sh" "$@"
