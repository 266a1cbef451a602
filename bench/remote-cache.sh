#!/usr/bin/env bash
# Remote cache benchmark (issue 20): two fresh machines, each a fresh Debian 12 minbase root (no build packages: no gcc,
# make, meson, nasm, dpkg-dev), chrooted, with an empty local cache, running the native program build.sh made
# (build/bin/program/_build: no .NET in the roots) on a copy of the committed tree. Cold: PackageDebs against an empty
# remote cache: it installs the build packages, fetches the sources, builds without ccache and uploads. Warm: PackageDebs
# on the second fresh root against the now warm remote: every target a remote hit, InstallBuildDeps and the fetches not
# needed. The remote is Debian's nginx with WebDAV on 127.0.0.1. Both roots run apt-get update before their run (not
# measured), so apt's candidates, which the warm run's keys use, are what the cold run installed.
# Prints both wall times and their ratio (goal: <= 0.02); fails when the warm run's log shows an apt install, a source
# fetch or a compiler, or a target that was not a hit. The kernel is tinyconfig, as in the e2e suite. Needs root (chroot,
# mount); the cold run takes 30 minutes or more on 2 cores. BENCH_KEEP=1 keeps the work folder (logs, roots).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
program="$ROOT/build/bin/program/_build"
mkdir -p /var/tmp/tool-keys
work="$(mktemp -d /var/tmp/tool-keys/bench-remote.XXXXXX)"
port="${BENCH_PORT:-18090}"
args=(PackageDebs --kernel-config tinyconfig --ccache false --cache-url "http://127.0.0.1:$port/" --root /src/sevstack --cache-dir /src/cache --no-color)
unmount_root() {
    for mount in dev sys proc; do
        mountpoint -q "$1/$mount" && umount -R --lazy "$1/$mount"
    done
    return 0
}
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    for root in "$work/cold-root" "$work/warm-root"; do [ -d "$root" ] && unmount_root "$root"; done
    if [ "${BENCH_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || { echo "error: the runs are chrooted into fresh Debian roots: run as root" >&2; exit 2; }
command -v nginx >/dev/null || { echo "error: nginx is not installed: apt-get install nginx" >&2; exit 2; }
[ -x "$program" ] || { echo "error: no native program at $program: run ./build.sh --help first (it needs a C compiler)" >&2; exit 2; }
[ -z "$(git -C "$ROOT" status --porcelain -- src build)" ] || echo "warning: $ROOT has uncommitted changes under src/ or build/; the roots get the committed tree" >&2
mkdir -p "$work/store" "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
user root;
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

ms() { local ns; ns=$(date +%s%N); echo $(( ns / 1000000 )); }   # not awk's %d: mawk clamps it to 2^31-1

# A fresh root: the test suite's pristine minbase root when there is one (tests/SevStack.Testing/make-test-root.sh), else
# debootstrap; this machine's Debian sources; apt-get update; libssl3, the program's own runtime library (.NET hashes with
# OpenSSL), not a build package; the committed tree in /src/sevstack and the program in /opt/sevstack.
make_root() {
    local root="$work/$1-root"
    mkdir -p "$root"
    if [ -f /var/tmp/sevstack-test-cache/bookworm-minbase-v1.tar ]; then
        tar -C "$root" -xf /var/tmp/sevstack-test-cache/bookworm-minbase-v1.tar
    else
        debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/$1-debootstrap.log" 2>&1
    fi
    rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
    cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    chroot "$root" apt-get update -q >"$work/$1-root.log" 2>&1
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libssl3 >>"$work/$1-root.log" 2>&1
    for package in gcc make binutils meson ninja-build nasm dpkg-dev python3 libglib2.0-dev; do
        if chroot "$root" dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null | grep -q '^ii'; then
            echo "error: the fresh root has $package installed" >&2; exit 1
        fi
    done
    mkdir -p "$root/src/sevstack" "$root/opt/sevstack"
    git -C "$ROOT" archive HEAD | tar -x -C "$root/src/sevstack"
    cp -a "$ROOT/build/bin/program/." "$root/opt/sevstack/"
    mount -t proc proc "$root/proc"
    mount -t sysfs sysfs "$root/sys"
    mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
}
run_ms() {  # PackageDebs in root $1, its wall time in ms; its output in $1.log
    local start
    start=$(ms)
    chroot "$work/$1-root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
        /opt/sevstack/_build "${args[@]}" >"$work/$1.log" 2>&1 || { tail -40 "$work/$1.log" >&2; exit 1; }
    echo $(( $(ms) - start ))
}

make_root cold
cold=$(run_ms cold)
echo "cold: $((cold / 1000)) s"
unmount_root "$work/cold-root"
make_root warm
warm=$(run_ms warm)

if grep -E '^(\[\w+\] )?\$ (env [^ ]+=[^ ]+ )*(sudo )?(apt-get .*(install|source|download)|apt |dpkg-source|make|ninja|meson|gcc|cc|nasm|build) ' "$work/warm.log"; then
    echo "error: the warm run installed, fetched or compiled (above)" >&2
    exit 1
fi
for target in BuildKernel BuildQemu BuildOvmf PackageDebs; do
    grep -Eq "^\s*$target\s+Cached" "$work/warm.log" || { echo "error: $target was not a cache hit" >&2; tail -30 "$work/warm.log"; exit 1; }
done
for target in InstallBuildDeps FetchKernel FetchQemu FetchOvmf; do
    grep -Eq "^\s*$target\s+Skipped\s+// not needed" "$work/warm.log" || { echo "error: $target was not skipped as not needed" >&2; tail -30 "$work/warm.log"; exit 1; }
done
echo "the warm run's commands:"; grep -E '^(\[\w+\] )?\$ ' "$work/warm.log" | sed 's/^/  /'
grep -E '^\s*(InstallBuildDeps|Fetch\w+|Build\w+|PackageDebs)\s' "$work/warm.log" | sed 's/^/  /'
awk -v a="$cold" -v b="$warm" 'BEGIN { printf "remote cache: cold (fresh root: install, fetch, build, upload) %.1f s, warm remote (another fresh root, empty local cache) %.1f s; ratio %.4f (goal <= 0.02)\n", a / 1000, b / 1000, b / a }'
