#!/usr/bin/env bash
# docker-up.sh - a Docker engine with no registry and no bridge, plus the harness's images.
#
#   scripts/ci/docker-up.sh            install (if missing) -> dockerd -> base image -> images
#   CBH_IMAGES="gcs swift" scripts/ci/docker-up.sh    build only these fixtures/images/<name>
#   CBH_IMAGES=drivers-epoxy scripts/ci/docker-up.sh  fixtures/images/drivers for cinder Epoxy (trixie base)
#
# Idempotent: a running engine on $CBH_DOCKER_SOCK is reused, an existing base image is kept,
# and image builds hit the Docker layer cache. Settings: scripts/ci/docker-env.sh.
# Why it looks like this (docs/backends.md): there is no registry, so the base image is
# `debootstrap --variant=minbase bookworm` + `docker import` (and trixie for Epoxy's images,
# docs/releases.md); dockerd runs with --bridge=none
# --iptables=false --ip-forward=false, so every build and container uses the host network.
# The engine keeps running after this script; scripts/ci/docker-down.sh stops it by PID.
set -euo pipefail
# shellcheck source=scripts/ci/docker-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/docker-env.sh"
mkdir -p "$CBH_DOCKER_WORK"
T_ALL=$(cbh_now_ms)

# 1. docker.io + debootstrap from Debian, without letting the package start the stock daemon
#    (that one would create docker0 + iptables rules and grab the default socket).
t=$(cbh_now_ms)
if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 || [ ! -x /usr/bin/docker ]; then
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && made_policy=1
  fi
  cbh_log "installing docker.io + debootstrap (apt)"
  # Another apt run (a concurrent CI step) may hold the dpkg lock: wait for it, up to 10 min.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    docker.io debootstrap >"$CBH_DOCKER_WORK/apt.log" 2>&1 || { tail -n 30 "$CBH_DOCKER_WORK/apt.log"; exit 1; }
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  if [ -d /run/systemd/system ]; then
    systemctl disable --now docker.socket docker.service >/dev/null 2>&1 || true
  fi
fi
cbh_took "apt docker.io + debootstrap" "$t"
DOCKER=$(cbh_docker_cli)

# 2. our own dockerd (detached, so it outlives this script; PID in $CBH_DOCKERD_PIDFILE)
t=$(cbh_now_ms)
if "$DOCKER" info >/dev/null 2>&1; then
  cbh_log "reusing the engine on $CBH_DOCKER_SOCK"
  if "$DOCKER" network inspect bridge >/dev/null 2>&1; then
    cbh_log "warning: that engine has a bridge network; the harness still uses --network host"
  fi
else
  cbh_log "starting dockerd (--bridge=none, host networking only)"
  setsid dockerd --bridge=none --iptables=false --ip-forward=false \
    -H "$DOCKER_HOST" --data-root "$CBH_DOCKER_DATA_ROOT" --exec-root "$CBH_DOCKER_EXEC_ROOT" \
    --pidfile "$CBH_DOCKERD_PIDFILE" </dev/null >"$CBH_DOCKER_WORK/dockerd.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    "$DOCKER" info >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$CBH_DOCKER_WORK/dockerd.log"; exit 1; }
    sleep 0.1
  done
  "$DOCKER" info >/dev/null 2>&1 || { echo "dockerd did not come up" >&2; tail -n 30 "$CBH_DOCKER_WORK/dockerd.log"; exit 1; }
  cbh_log "dockerd pid $(cat "$CBH_DOCKERD_PIDFILE") (log $CBH_DOCKER_WORK/dockerd.log)"
  # docker-down.sh stops this engine only when called by the same parent process (a CI step's
  # trap); an engine shared by several developers' runs stays up.
  echo "$PPID" >"$CBH_DOCKER_WORK/dockerd.started-by"
fi
cbh_took "dockerd" "$t"

# base images: debootstrap minbase from the host's own Debian mirror, then docker import
apt_mirror() {
  local m=
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(awk '$1 == "deb" && $0 ~ /debian/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$m" ] || { echo "no Debian mirror in the apt sources" >&2; return 1; }
  echo "$m"
}
# build_base SUITE IMAGE: debootstrap minbase SUITE from the host's mirror, docker import as IMAGE
# (kept if IMAGE exists). The host's debian-archive-keyring verifies the suite: bookworm's
# 2023.3+deb12u2 carries trixie's archive keys (debian-archive-trixie-*.gpg), so no
# --no-check-gpg; debootstrap fails loudly on a suite whose keys the host does not know.
build_base() {
  local suite=$1 image=$2 mirror rootfs include t host_suite
  t=$(cbh_now_ms)
  if "$DOCKER" image inspect "$image" >/dev/null 2>&1; then cbh_took "base image $image" "$t"; return 0; fi
  mirror=$(apt_mirror); rootfs=$CBH_DOCKER_WORK/rootfs-$suite; rm -rf "$rootfs"
  include=; case "$mirror" in https:*) include=--include=ca-certificates ;; esac
  cbh_log "debootstrap --variant=minbase $suite from $mirror"
  # shellcheck disable=SC2086 # $include is empty or one word
  debootstrap --variant=minbase $include "$suite" "$rootfs" "$mirror" >"$CBH_DOCKER_WORK/debootstrap-$suite.log" 2>&1 ||
    { tail -n 30 "$CBH_DOCKER_WORK/debootstrap-$suite.log"; exit 1; }
  rm -f "$rootfs"/var/cache/apt/archives/*.deb
  rm -rf "$rootfs"/var/lib/apt/lists/* && mkdir -p "$rootfs"/var/lib/apt/lists/partial
  # A package postinst must never start a daemon during a host-network build.
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  # Same mirrors and suites as the host (SUITE + -updates + -security: the host's own suite name
  # replaced by SUITE) and the same apt leniency for a frozen snapshot mirror; no docs or
  # translations in the images.
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    host_suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
    sed -E "/^Suites:/ s/(^|[[:space:]])$host_suite/\\1$suite/g" /etc/apt/sources.list.d/debian.sources \
      >"$rootfs/etc/apt/sources.list.d/debian.sources"
    rm -f "$rootfs/etc/apt/sources.list"
  fi
  for f in /etc/apt/apt.conf.d/*; do
    if grep -qs 'Check-Valid-Until\|Check-Date' "$f"; then cp "$f" "$rootfs/etc/apt/apt.conf.d/"; fi
  done
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/cbh-nodoc" <<'CFG'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/info/*
CFG
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$rootfs/etc/apt/apt.conf.d/90cbh-no-recommends"
  tar --numeric-owner -C "$rootfs" -c . |
    "$DOCKER" import --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$image" >/dev/null
  rm -rf "$rootfs"
  cbh_took "base image $image" "$t"
}

# 4. fixtures/images/<name>/Dockerfile -> local/cbh-<name>:ci (RUN steps need the host network)
images_dir=$CBH_ROOT/fixtures/images
if [ "$CBH_IMAGES" = all ]; then
  # an image with an OPT-IN file (the real Zed cloud, 1.9 GB) is built only when named or with CBH_IMAGES=everything
  names=$(for d in "$images_dir"/*/; do [ -f "$d/Dockerfile" ] && [ ! -f "$d/OPT-IN" ] && basename "$d"; done)
elif [ "$CBH_IMAGES" = everything ]; then
  names=$(for d in "$images_dir"/*/; do [ -f "$d/Dockerfile" ] && basename "$d"; done)
else
  names=$CBH_IMAGES
fi
# A directory with a RELEASES file (drivers, cinder) is built once per cinder release it lists:
# NAME for zed (local/cbh-NAME:ci, as before) and NAME-RELEASE for the others (local/cbh-NAME-epoxy:ci),
# from the same Dockerfile with BASE_IMAGE, CINDER_RELEASE and CINDER_VERSION as build arguments.
if [ "$CBH_IMAGES" = all ] || [ "$CBH_IMAGES" = everything ]; then
  names=$(for n in $names; do
    echo "$n"
    if [ -f "$images_dir/$n/RELEASES" ]; then
      for r in $(cat "$images_dir/$n/RELEASES"); do [ "$r" = zed ] || echo "$n-$r"; done
    fi
  done)
fi
# image_dir NAME / image_release NAME: fixtures/images/<dir> and the cinder release of NAME
image_release() {
  local r
  for r in $CBH_CINDER_RELEASES; do case $1 in *-"$r") echo "$r"; return ;; esac; done
  echo zed
}
image_dir() { local r; r=$(image_release "$1"); if [ "$1" = "${1%-"$r"}" ]; then echo "$1"; else echo "${1%-"$r"}"; fi; }
# Images built FROM another local/cbh-* image (e.g. swift-keystone FROM swift) go last.
names=$(for n in $names; do grep -qs 'local/cbh-' "$images_dir/$(image_dir "$n")/Dockerfile" && echo "1 $n" || echo "0 $n"; done |
  sort | awk '{ print $2 }')
# 3. the base image of every release an image is built for (bookworm always: the default)
build_base bookworm "$CBH_BASE_IMAGE"
for r in $(for n in $names; do image_release "$n"; done | sort -u); do
  [ "$r" = zed ] || build_base "$(cbh_release_suite "$r")" "$(cbh_release_base_image "$r")"
done

buildkit=1; [ "$DOCKER" = /usr/bin/docker ] || buildkit=0
for name in $names; do
  dir=$images_dir/$(image_dir "$name"); release=$(image_release "$name")
  [ -f "$dir/Dockerfile" ] || { echo "no fixtures/images/$(image_dir "$name")/Dockerfile" >&2; exit 1; }
  if [ "$release" != zed ] && ! grep -qsw "$release" "$dir/RELEASES"; then
    echo "fixtures/images/$(image_dir "$name") is not built for $release (no RELEASES entry)" >&2; exit 1
  fi
  t=$(cbh_now_ms); log=$CBH_DOCKER_WORK/build-$name.log
  cbh_log "building local/cbh-$name:ci (log $log)"
  # A CONTEXT file names another build context (repo-relative; e.g. drivers builds from
  # conformance/drivers/python to COPY the shim); CONTEXT_SHA256 is its digest, kept as a label.
  context=$dir; extra=()
  if [ -f "$dir/CONTEXT" ]; then
    context=$CBH_ROOT/$(head -n 1 "$dir/CONTEXT")
    extra=(-f "$dir/Dockerfile" --build-arg "CONTEXT_SHA256=$(cbh_tree_sha256 "$context")")
  fi
  if [ -f "$dir/RELEASES" ]; then
    extra+=(--build-arg "CINDER_RELEASE=$release" --build-arg "CINDER_VERSION=$(cbh_release_cinder_version "$release")")
  fi
  DOCKER_BUILDKIT=$buildkit "$DOCKER" build --network host --progress plain \
      --build-arg "BASE_IMAGE=$(cbh_release_base_image "$release")" --label cbh.image=true "${extra[@]}" \
      -t "local/cbh-$name:ci" "$context" >"$log" 2>&1 ||
    { tail -n 40 "$log"; exit 1; }
  cbh_took "image local/cbh-$name:ci" "$t"
done

cbh_took "docker-up total" "$T_ALL"
printf '%s\n' "--- docker-up timings" "${CBH_TIMINGS[@]}" >&2
"$DOCKER" images --filter reference='local/*' --format '{{.Repository}}:{{.Tag}}  {{.Size}}' >&2
