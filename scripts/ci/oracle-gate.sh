#!/usr/bin/env bash
# scripts/ci/oracle-gate.sh — the oracle gate of `npm run test:integration` (integration.sh calls it
# after the integration project): builds the images scripts/ci/oracle-gate.list names (the opt-in
# real clouds, fixtures/images/*/OPT-IN) and runs each listed *.oracle.test.ts as its own vitest
# run of the `oracle` project, with its wall time and the load average. Every file runs; any
# failure fails the gate (exit 1) — no retry, no skip, no soft-fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/ci/docker-env.sh
. scripts/ci/docker-env.sh
list=${CBH_ORACLE_GATE_LIST:-scripts/ci/oracle-gate.list}
entries=$({ grep -v '^[[:space:]]*#' "$list" || true; } | awk 'NF')
[ -n "$entries" ] || { echo "oracle gate: $list lists no test" >&2; exit 1; }
files=$(echo "$entries" | awk '{ print $2 }')
for f in $files; do
  [ -f "$f" ] || { echo "oracle gate: $list names $f, which does not exist" >&2; exit 1; }
done
images=$(echo "$entries" | awk '{ print $1 }' | tr ',' '\n' | awk '!seen[$0]++' | tr '\n' ' ')
t=$(cbh_now_ms)
CBH_IMAGES="$images" scripts/ci/docker-up.sh
cbh_took "oracle gate: images ${images% }" "$t"
# the oracle tests' CI cut where they have one (bin/cli/diff/oracle-seeds.ts: CI_GATE_SEEDS)
export CBH_ORACLE_GATE=1
failed=()
for f in $files; do
  cbh_log "oracle gate: $f (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  t=$(cbh_now_ms)
  npx vitest run --project oracle "$f" || failed+=("$f")
  cbh_took "oracle gate: $(basename "$f")" "$t"
  cbh_log "oracle gate: $f done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
done
printf '%s\n' "--- oracle gate timings" "${CBH_TIMINGS[@]}" >&2
if [ ${#failed[@]} -gt 0 ]; then echo "oracle gate: FAILED: ${failed[*]}" >&2; exit 1; fi
