#!/usr/bin/env bash
# Remote cache benchmark (issue 20). Cold: PackageDebs in a fresh clone on this machine with an empty local cache,
# against an empty remote cache (everything is fetched, built without ccache, and uploaded). Warm: PackageDebs on a fresh
# Debian 12 minbase root (no build packages: no gcc, make, meson, nasm, dpkg-dev; its apt lists are this machine's, so
# apt's candidates are the versions installed here), chrooted, with an empty local cache, against the now warm remote:
# every target a remote hit, InstallBuildDeps and the fetches not needed. The native program (build/bin/program/_build,
# made by ./build.sh) runs both; the root has no .NET. The remote is Debian's nginx with WebDAV on 127.0.0.1.
# Prints both wall times and their ratio (goal: <= 0.02); fails when the warm run's log shows an apt install, a source
# fetch or a compiler, or a target that was not a hit. The kernel is tinyconfig, as in the e2e suite. Needs root (chroot,
# mount); the cold run takes about 30 minutes on an idle 2-core machine. BENCH_KEEP=1 keeps the work folder (the logs).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
program="$ROOT/build/bin/program/_build"
mkdir -p /var/tmp/tool-keys
work="$(mktemp -d /var/tmp/tool-keys/bench-remote.XXXXXX)"
port="${BENCH_PORT:-18090}"
root="$work/root"
args=(PackageDebs --kernel-config tinyconfig --ccache false --cache-url "http://127.0.0.1:$port/" --no-color)
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
    mountpoint -q "$root/proc" && umount "$root/proc"
    if [ "${BENCH_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || { echo "error: the warm run is chrooted into a fresh Debian root: run as root" >&2; exit 2; }
command -v nginx >/dev/null || { echo "error: nginx is not installed: apt-get install nginx" >&2; exit 2; }
[ -x "$program" ] || { echo "error: no native program at $program: run ./build.sh --help first (it needs a C compiler)" >&2; exit 2; }
[ -z "$(git -C "$ROOT" status --porcelain -- src build)" ] || echo "warning: $ROOT has uncommitted changes under src/ or build/; the clone has the committed tree" >&2

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

ms() { date +%s%N | awk '{ printf "%d", $1 / 1000000 }'; }

# Cold: a fresh clone of the committed tree, its program the one build.sh made (compiling it is not part of the measure).
git clone --quiet "$ROOT" "$work/cold"
start=$(ms)
"$program" "${args[@]}" --root "$work/cold" --cache-dir "$work/cold-cache" >"$work/cold.log" 2>&1 || { tail -40 "$work/cold.log"; exit 1; }
cold=$(( $(ms) - start ))
echo "cold: $((cold / 1000)) s"

# Warm: a fresh minbase root. The test suite's pristine root when there is one (tests/SevStack.Testing/make-test-root.sh),
# else debootstrap. libssl3 is the program's own runtime library (.NET hashes with OpenSSL), not a build package.
mkdir -p "$root"
if [ -f /var/tmp/sevstack-test-cache/bookworm-minbase-v1.tar ]; then
    tar -C "$root" -xf /var/tmp/sevstack-test-cache/bookworm-minbase-v1.tar
else
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1
fi
rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
rm -rf "$root/var/lib/apt/lists" && mkdir -p "$root/var/lib/apt/lists/partial"
cp /var/lib/apt/lists/deb.debian.org_* "$root/var/lib/apt/lists/"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libssl3 >"$work/root-libssl.log" 2>&1
for package in gcc make binutils meson ninja-build nasm dpkg-dev libglib2.0-dev; do
    if chroot "$root" dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null | grep -q '^ii'; then
        echo "error: the fresh root has $package installed" >&2; exit 1
    fi
done
mkdir -p "$root/src/sevstack" "$root/opt/sevstack"
for folder in .nuke patches; do cp -a "$work/cold/$folder" "$root/src/sevstack/"; done
cp -a "$work/cold/sevstack.lock.json" "$root/src/sevstack/"
cp -a "$ROOT/build/bin/program/." "$root/opt/sevstack/"
mount -t proc proc "$root/proc"

start=$(ms)
chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
    /opt/sevstack/_build "${args[@]}" --root /src/sevstack --cache-dir /src/cache >"$work/warm.log" 2>&1 || { tail -40 "$work/warm.log"; exit 1; }
warm=$(( $(ms) - start ))

if grep -E '^\$ (sudo )?(apt-get (install|source|download)|apt |dpkg-source|make|ninja|meson|gcc|cc|nasm|build) ' "$work/warm.log"; then
    echo "error: the warm run installed, fetched or compiled (above)" >&2
    exit 1
fi
for target in BuildKernel BuildQemu BuildOvmf PackageDebs; do
    grep -Eq "^\s*$target\s+Cached" "$work/warm.log" || { echo "error: $target was not a cache hit" >&2; tail -30 "$work/warm.log"; exit 1; }
done
for target in InstallBuildDeps FetchKernel FetchQemu FetchOvmf; do
    grep -Eq "^\s*$target\s+Skipped\s+// not needed" "$work/warm.log" || { echo "error: $target was not skipped as not needed" >&2; tail -30 "$work/warm.log"; exit 1; }
done
echo "warm run's commands:"; grep -E '^\$ ' "$work/warm.log" | sed 's/^/  /'
grep -E '^\s*(InstallBuildDeps|Fetch\w+|Build\w+|PackageDebs)\s' "$work/warm.log" | sed 's/^/  /'
awk -v a="$cold" -v b="$warm" 'BEGIN { printf "remote cache: cold %.1f s, warm remote on a fresh root without build packages (empty local cache) %.1f s; ratio %.4f (goal <= 0.02)\n", a / 1000, b / 1000, b / a }'
