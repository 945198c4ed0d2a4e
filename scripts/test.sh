#!/usr/bin/env bash
# The whole test suite (README quick start): `npm test`.
# Installs what it needs, starts a private dockerd and two local registries, builds, type-checks,
# lints, and runs the unit, integration and end-to-end suites. Extra args go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh test

source scripts/test-env.sh
trap _berth_cleanup EXIT

echo "== build" && npm run -s build
echo "== typecheck" && npm run -s typecheck
echo "== lint" && npm run -s lint
echo "== unit, integration and end-to-end tests"
mkdir -p dist
status=0
# One project at a time: the machine has two cores, and the suites share one engine.
# The VM suite boots Berth's VM once under QEMU (TCG here: minutes on a loaded machine). In CI the guest
# image is built from scratch (a fresh cache dir), so a green run means a fresh machine can build it.
if [ "${CI:-}" = true ] && [ -z "${BERTH_VM_IMAGE_CACHE:-}" ]; then export BERTH_VM_IMAGE_CACHE=$(mktemp -d /tmp/berth-vm-image-XXXXXX); fi
for project in unit integration e2e vm; do
  echo "== $project ($(date +%T))"
  npx vitest run --project "$project" --reporter=default --reporter=json \
    --outputFile.json="dist/test-results-$project.json" "$@" || status=1
done
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  const failures = [];
  for (const p of ["unit", "integration", "e2e", "vm"]) {
    const f = `dist/test-results-${p}.json`;
    if (!fs.existsSync(f)) { failed++; console.log(`${p}: no results (the suite did not run)`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    console.log(`${p}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    // The failures again, at the end where a truncated CI log still shows them.
    for (const file of r.testResults) for (const t of file.assertionResults) if (t.status === "failed") {
      const why = (t.failureMessages[0] ?? "").split("\n").find((l) => l.trim()) ?? "";
      failures.push(`  ${p} ✗ ${file.name.replace(process.cwd() + "/", "")} › ${t.fullName}\n      ${why.slice(0, 300)}`);
    }
  }
  if (failures.length) console.log(`failed:\n${failures.join("\n")}`);
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || status=1
exit $status
