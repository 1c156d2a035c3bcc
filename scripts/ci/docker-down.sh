#!/usr/bin/env bash
# docker-down.sh - removes the harness's containers and stops the dockerd that docker-up.sh
# started, by the PID in its pidfile (never by name). An engine we did not start is left alone.
# The engine is stopped only when the process calling us is the one whose docker-up.sh started
# it (a CI script's EXIT trap), so runs that merely reused a shared engine leave it up.
#   CBH_KEEP_DOCKERD=1 scripts/ci/docker-down.sh   only reap containers
#   CBH_STOP_DOCKERD=1 scripts/ci/docker-down.sh   stop our dockerd whoever started it
#   CBH_REAP_ALL=1     ... also containers of test runs still in progress
set -euo pipefail
# shellcheck source=scripts/ci/docker-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/docker-env.sh"
cbh_reap_containers
[ "${CBH_KEEP_DOCKERD:-0}" = 1 ] && exit 0
started_by=$(cat "$CBH_DOCKER_WORK/dockerd.started-by" 2>/dev/null || true)
if [ "${CBH_STOP_DOCKERD:-0}" != 1 ] && [ "$started_by" != "$PPID" ]; then
  cbh_log "leaving dockerd running (not started by this caller; CBH_STOP_DOCKERD=1 stops it)"; exit 0
fi
if [ ! -s "$CBH_DOCKERD_PIDFILE" ]; then
  cbh_log "no $CBH_DOCKERD_PIDFILE: no dockerd of ours to stop"; exit 0
fi
pid=$(cat "$CBH_DOCKERD_PIDFILE")
# Guard against PID reuse: it must be a dockerd started with our pidfile.
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "dockerd .*--pidfile $CBH_DOCKERD_PIDFILE"; then
  cbh_log "pid $pid is not our dockerd (stale pidfile); removing it"; rm -f "$CBH_DOCKERD_PIDFILE"; exit 0
fi
t=$(cbh_now_ms)
kill -TERM "$pid"
for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then cbh_log "dockerd $pid ignored SIGTERM for 30 s; SIGKILL"; kill -KILL "$pid"; fi
umount "$CBH_DOCKER_EXEC_ROOT/netns/default" 2>/dev/null || true   # libnetwork leaves this bind mount
rm -f "$CBH_DOCKERD_PIDFILE" "$CBH_DOCKER_WORK/dockerd.started-by"
cbh_took "dockerd stop (pid $pid)" "$t"
