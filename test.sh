#!/usr/bin/env bash
# Runs every test, on a fresh Debian machine too: installs what the tests need where it is missing (python3 for
# the example manifests, PostgreSQL's binaries for the storage tests, docker.io and busybox-static for the Docker
# tests, nodejs and npm for the test that drives the Marathon API with npm's marathon-node), starts a Docker engine
# when none answers (and stops it after), then runs the whole suite and a smoke run of the benchmarks. Under
# CI=true a missing part is an error, never a skip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
is_root() { [[ "$(id -u)" == 0 ]]; }

missing=()
command -v python3 >/dev/null || missing+=(python3)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql)
command -v dockerd >/dev/null || missing+=(docker.io)
[[ -x /bin/busybox ]] || missing+=(busybox-static)
command -v setsid >/dev/null || missing+=(util-linux)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if (( ${#missing[@]} )); then
  if is_root && command -v apt-get >/dev/null; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif [[ "${CI:-}" == "true" ]]; then
    echo "missing: ${missing[*]} (and not root with apt-get to install them)" >&2
    exit 1
  else
    echo "warning: missing ${missing[*]}; the tests that need them will fail" >&2
  fi
fi

started_dockerd=""
if command -v docker >/dev/null && ! docker version >/dev/null 2>&1 && is_root; then
  log "starting dockerd (vfs storage driver)"
  dockerd --storage-driver=vfs >/tmp/mesos-orleans-test-dockerd.log 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do docker version >/dev/null 2>&1 && break; sleep 1; done
  docker version >/dev/null 2>&1 || { echo "dockerd did not start; see /tmp/mesos-orleans-test-dockerd.log" >&2; exit 1; }
fi
cleanup() { [[ -n "$started_dockerd" ]] && kill "$started_dockerd" 2>/dev/null && wait "$started_dockerd" 2>/dev/null || true; }
trap cleanup EXIT

log "building"
dotnet build Mesos.Orleans.sln -c Release --nologo -v quiet -clp:ErrorsOnly
log "testing"
dotnet test Mesos.Orleans.sln -c Release --no-build --nologo -- RunConfiguration.MaxCpuCount=2
log "benchmarks (smoke sizes)"
dotnet bench/Mesos.Orleans.Bench/bin/Release/net10.0/Mesos.Orleans.Bench.dll all --smoke
