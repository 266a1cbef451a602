#!/usr/bin/env bash
# Remote cache benchmark (issue 20): ./build.sh PackageDebs in a fresh clone with an empty local cache, once against an
# empty remote cache (cold: everything is fetched, built and uploaded) and once, in another fresh clone with another
# empty local cache, against the now warm remote (every target a remote hit). The remote is Debian's nginx with WebDAV
# on 127.0.0.1. Prints both wall times and their ratio (goal: <= 0.02), and fails when the warm run's log shows an apt
# install, a source fetch or a compiler. The build dependencies of this machine stay installed (the warm run's key
# needs the tools' versions); the kernel is tinyconfig, as in the e2e suite. The cold run takes about 30 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /var/tmp/sevstack-bench-remote.XXXXXX)"
port="${BENCH_PORT:-18090}"
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

command -v nginx >/dev/null || { echo "error: nginx is not installed: apt-get install nginx" >&2; exit 2; }
mkdir -p "$work/store" "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
daemon on;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    server {
        listen 127.0.0.1:$port;
        root $work/store;
        client_max_body_size 0;
        location / { dav_methods PUT DELETE; create_full_put_path on; }
    }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"

clone() {   # a fresh clone of the committed tree, with the build program already compiled (not part of the measure)
    git clone --quiet "$ROOT" "$work/$1"
    cp -a "$ROOT/build/bin" "$work/$1/build/"
    "$work/$1/build.sh" --help >/dev/null
}
run_ms() {  # wall time of PackageDebs in clone $1 with the empty cache folder $1-cache, in ms; its output in $1.log
    local start end
    start=$(date +%s%N)
    "$work/$1/build.sh" PackageDebs --kernel-config tinyconfig --cache-dir "$work/$1-cache" \
        --cache-url "http://127.0.0.1:$port/" --no-color >"$work/$1.log" 2>&1 || { tail -40 "$work/$1.log"; exit 1; }
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

clone cold
clone warm
cold=$(run_ms cold)
warm=$(run_ms warm)
if grep -E '^\$ (sudo )?(apt-get|dpkg-source|make|ninja|meson) ' "$work/warm.log"; then
    echo "error: the warm run installed, fetched or compiled (above)" >&2
    exit 1
fi
grep -Eq '^\s*PackageDebs\s+Cached' "$work/warm.log" || { echo "error: PackageDebs was not a cache hit"; tail -30 "$work/warm.log"; exit 1; }
awk -v a="$cold" -v b="$warm" 'BEGIN { printf "remote cache: cold %.1f s, warm remote (empty local cache) %.1f s; ratio %.4f (goal <= 0.02)\n", a / 1000, b / 1000, b / a }'
