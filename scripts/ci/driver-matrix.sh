#!/usr/bin/env bash
# scripts/ci/driver-matrix.sh — after the integration tests: the runs of every real driver and of
# the Python canaries (each test writes its own report and run record under reports/out/drivers/)
# combined into one drivers × rules matrix in reports/out/drivers/ (conformance.{html,md,junit.xml,jsonl}).
# A run missing from the list is an error: the matrix never quietly loses a driver.
set -euo pipefail
cd "$(dirname "$0")/../.."
R=reports/out/drivers
RUNS=(real epoxy-reduced ceph radosgw-swift canaries)
node bin/cbh.js report combine "${RUNS[@]/#/$R/}" --out "$R"
