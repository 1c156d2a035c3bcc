# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this
# docker-env.sh - shared settings for docker-up.sh / docker-down.sh (sourced, not run).
# Everything is overridable from the environment:
#   CBH_DOCKER_WORK       scratch dir: pidfile, logs, debootstrap rootfs   (/tmp/cbh-docker)
#   CBH_DOCKER_SOCK       the engine socket                                 (/var/run/docker.sock)
#   CBH_DOCKER_DATA_ROOT  dockerd --data-root                               (/var/lib/docker)
#   CBH_DOCKER_EXEC_ROOT  dockerd --exec-root                               (/var/run/docker)
#   CBH_BASE_IMAGE        base image made by debootstrap (zed images)       (local/debian:bookworm)
#   CBH_BASE_IMAGE_TRIXIE base image made by debootstrap (epoxy images)     (local/debian:trixie)
#   CBH_IMAGES            which fixtures/images/<name> to build: "all" or "gcs swift ..." (all);
#                         NAME-RELEASE (e.g. drivers-epoxy) builds NAME for that cinder release
#   CBH_CONTAINER_LABEL   label every harness container carries             (cbh.harness=true)
CBH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CBH_DOCKER_WORK=${CBH_DOCKER_WORK:-/tmp/cbh-docker}
CBH_DOCKER_SOCK=${CBH_DOCKER_SOCK:-/var/run/docker.sock}
CBH_DOCKER_DATA_ROOT=${CBH_DOCKER_DATA_ROOT:-/var/lib/docker}
CBH_DOCKER_EXEC_ROOT=${CBH_DOCKER_EXEC_ROOT:-/var/run/docker}
CBH_BASE_IMAGE=${CBH_BASE_IMAGE:-local/debian:bookworm}
CBH_BASE_IMAGE_TRIXIE=${CBH_BASE_IMAGE_TRIXIE:-local/debian:trixie}
CBH_IMAGES=${CBH_IMAGES:-all}
CBH_CONTAINER_LABEL=${CBH_CONTAINER_LABEL:-cbh.harness=true}
CBH_DOCKERD_PIDFILE=$CBH_DOCKER_WORK/dockerd.pid
export DOCKER_HOST=unix://$CBH_DOCKER_SOCK
# The tests run testcontainers against this engine: no Ryuk (it would be pulled from a
# registry), and 127.0.0.1 as the host (this VM has /.dockerenv, which triggers a gateway probe).
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1

# Debian's 20.10 client (BuildKit works); /usr/local/bin/docker 28.x has no buildx plugin.
cbh_docker_cli() { if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else command -v docker; fi; }

# cbh_tree_sha256 DIR: digest of the files under DIR (no __pycache__), as
# conformance/drivers/runtime/tree-digest.ts computes it: sha256 of "<sha256>  ./<path>" lines, C order.
cbh_tree_sha256() {
  (cd "$1" && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) |
    sha256sum | cut -c1-64
}

# Cinder releases the images are built for (conformance/drivers/runtime/cinder-release.ts):
# the Debian suite that ships it, python3-cinder's upstream version there, the base image.
CBH_CINDER_RELEASES="zed epoxy"
cbh_release_suite() { case $1 in zed) echo bookworm ;; epoxy) echo trixie ;; *) return 1 ;; esac; }
cbh_release_cinder_version() { case $1 in zed) echo 21.3.1 ;; epoxy) echo 26.0.0 ;; *) return 1 ;; esac; }
cbh_release_base_image() { case $1 in zed) echo "$CBH_BASE_IMAGE" ;; epoxy) echo "$CBH_BASE_IMAGE_TRIXIE" ;; *) return 1 ;; esac; }

cbh_now_ms() { date +%s%3N; }
cbh_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# cbh_took LABEL START_MS: prints "LABEL  12.345s" and keeps it for the summary
CBH_TIMINGS=()
cbh_took() {
  local ms=$(( $(cbh_now_ms) - $2 )) line
  line=$(printf '%-32s %4d.%03ds' "$1" $((ms / 1000)) $((ms % 1000)))
  CBH_TIMINGS+=("$line"); cbh_log "done: $line"
}

# Removes the harness's containers (our label, or testcontainers' label: Ryuk is off, so nothing
# else reaps them, and some testcontainers failure paths leave running containers). A container
# whose `cbh.owner-pid` (the Node process that started it) is still alive belongs to a test run
# in progress on this shared engine and is kept, unless CBH_REAP_ALL=1.
cbh_reap_containers() {
  local docker ids id owner removed=(); docker=$(cbh_docker_cli)
  "$docker" info >/dev/null 2>&1 || return 0
  ids=$( { "$docker" ps -aq --filter "label=$CBH_CONTAINER_LABEL"
           "$docker" ps -aq --filter label=org.testcontainers=true; } | sort -u)
  for id in $ids; do
    owner=$("$docker" inspect -f '{{ index .Config.Labels "cbh.owner-pid" }}' "$id" 2>/dev/null || true)
    if [ "${CBH_REAP_ALL:-0}" != 1 ] && [ -n "$owner" ] && [ "$owner" != "$$" ] && kill -0 "$owner" 2>/dev/null; then
      cbh_log "keeping container $id: its test process $owner is still running"; continue
    fi
    "$docker" rm -fv "$id" >/dev/null 2>&1 && removed+=("$id")
  done
  if [ ${#removed[@]} -gt 0 ]; then cbh_log "removed containers: ${removed[*]}"; fi
}
