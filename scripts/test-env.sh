#!/usr/bin/env bash
# Sourced by scripts/test.sh (and usable by hand: `source scripts/test-env.sh`).
# Starts a private dockerd on its own socket and data dirs, two local registries (plain, and with
# basic-auth), and makes the test image. Exports DOCKER_HOST and BERTH_TEST_* for the suites.
# Set BERTH_TEST_DOCKER_HOST to use an engine you already run instead.

BERTH_TEST_ROOT=${BERTH_TEST_ROOT:-/tmp/bt}
mkdir -p "$BERTH_TEST_ROOT"
_berth_pids=()

_berth_cleanup() {
  for pid in "${_berth_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${_berth_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
}

_berth_wait_ping() { # socket, seconds
  local i
  for i in $(seq 1 $(( $2 * 5 ))); do
    curl -fsS --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

if [ -n "${BERTH_TEST_DOCKER_HOST:-}" ]; then
  export DOCKER_HOST="$BERTH_TEST_DOCKER_HOST"
else
  sock="$BERTH_TEST_ROOT/docker.sock"
  if ! curl -fsS --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; then
    rm -f "$sock"
    dockerd --host "unix://$sock" --data-root "$BERTH_TEST_ROOT/data" --exec-root "$BERTH_TEST_ROOT/x" \
      --pidfile "$BERTH_TEST_ROOT/dockerd.pid" --insecure-registry 127.0.0.1:5000 --insecure-registry 127.0.0.1:5001 \
      >"$BERTH_TEST_ROOT/dockerd.log" 2>&1 &
    _berth_pids+=($!)
    if ! _berth_wait_ping "$sock" 60; then
      echo "test-env: dockerd did not answer _ping within 60 s; its log:" >&2
      tail -n 30 "$BERTH_TEST_ROOT/dockerd.log" >&2
      return 1 2>/dev/null || exit 1
    fi
    # A fresh start of our private engine: clear containers left by an earlier, interrupted run.
    leftovers=$(DOCKER_HOST="unix://$sock" docker ps -aq)
    [ -n "$leftovers" ] && DOCKER_HOST="unix://$sock" docker rm -f -v $leftovers >/dev/null 2>&1 || true
  fi
  export DOCKER_HOST="unix://$sock"
fi

# Local registries: 127.0.0.1:5000 open, 127.0.0.1:5001 with basic-auth (berth / berth-secret).
if command -v docker-registry >/dev/null 2>&1; then
  for kind in open auth; do
    port=5000; [ "$kind" = auth ] && port=5001
    if ! curl -s -o /dev/null "http://127.0.0.1:$port/v2/"; then
      dir="$BERTH_TEST_ROOT/registry-$kind"
      mkdir -p "$dir/data"
      auth=""
      if [ "$kind" = auth ]; then
        htpasswd -Bbn berth berth-secret >"$dir/htpasswd"
        auth="auth:
  htpasswd:
    realm: berth-test
    path: $dir/htpasswd"
      fi
      cat >"$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
$auth
YML
      docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
      _berth_pids+=($!)
    fi
  done
  for port in 5000 5001; do
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.2; done
  done
  export BERTH_TEST_REGISTRY=127.0.0.1:5000 BERTH_TEST_AUTH_REGISTRY=127.0.0.1:5001
  export BERTH_TEST_REGISTRY_USER=berth BERTH_TEST_REGISTRY_PASSWORD=berth-secret
fi

# The test image: a busybox-static rootfs through `docker import` (no registry needed).
export BERTH_TEST_IMAGE=berth-test/busybox:latest
if ! docker image inspect "$BERTH_TEST_IMAGE" >/dev/null 2>&1; then
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root" "$rootfs/www"
  cp "$(command -v busybox)" "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
  echo 'hello from berth' >"$rootfs/www/index.html"
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' - "$BERTH_TEST_IMAGE" >/dev/null
  rm -rf "$rootfs"
fi
