#!/usr/bin/env bash
# npm run test:integration — everything the integration tests need, then the tests.
# Installs (when missing) Debian's real OpenStack clients, python3-cinder (the real Zed drivers)
# and chromium (HTML report test); starts our own Docker engine and builds the backend images
# (scripts/ci/docker-up.sh); runs vitest's `integration` project, then the oracle gate
# (scripts/ci/oracle-gate.sh: the opt-in real-cloud images and the *.oracle.test.ts files of
# scripts/ci/oracle-gate.list); reaps containers and stops dockerd on exit, also on failure.
# Add new integration prerequisites here, not in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
{ [ -x /usr/bin/openstack ] && [ -x /usr/bin/cinder ]; } || need+=(python3-openstackclient python3-cinderclient)
/usr/bin/python3 -c 'import cinder.backup.drivers.posix, zstd' 2>/dev/null || need+=(python3-cinder)
[ -x /usr/bin/chromium ] || need+=(chromium)
# the real Ceph backup driver (librados/librbd bindings) and host rbd/rados (its export-diff pipe, cbh store --ceph-conf)
/usr/bin/python3 -c 'import rados, rbd' 2>/dev/null || need+=(python3-rados python3-rbd)
[ -x /usr/bin/rbd ] && [ -x /usr/bin/rados ] || need+=(ceph-common)
# tempest 33.0.0 and cinder-tempest-plugin 1.7.2, run against cbh serve (bin/server/tempest.int.test.ts)
/usr/bin/python3 -c 'import tempest, cinder_tempest_plugin' 2>/dev/null || need+=(python3-tempest cinder-tempest-plugin)
if [ ${#need[@]} -gt 0 ]; then
  echo "integration: installing ${need[*]} (apt)"
  start=$(date +%s)
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}"
  echo "integration: apt done in $(( $(date +%s) - start )) s"
fi

trap 'scripts/ci/docker-down.sh' EXIT
scripts/ci/docker-up.sh
# CBH_VITEST_PROJECT=oracle (npm run test:oracle) runs the real-cinder oracle tests instead
npx vitest run --project "${CBH_VITEST_PROJECT:-integration}" "$@"
# the whole integration project ran: its real-driver and canary runs as one matrix, then the
# oracle gate (the harness against the real clouds of scripts/ci/oracle-gate.list; fails the CI)
if [ "${CBH_VITEST_PROJECT:-integration}" = integration ] && [ $# -eq 0 ]; then
  scripts/ci/driver-matrix.sh
  scripts/ci/oracle-gate.sh
fi
