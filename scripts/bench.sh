#!/usr/bin/env bash
# `npm run bench [-- name…]`: the benchmarks, against a private dockerd (as in `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh test
source scripts/test-env.sh
trap _berth_cleanup EXIT
npm run -s build
node --import tsx bench/run.ts "$@"
