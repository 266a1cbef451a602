#!/usr/bin/env bash
# Real-stack cache benchmark (issue 5), on Debian's own kernel, QEMU and edk2 sources with a tinyconfig kernel:
#   1. cold:   PackageDebs in a fresh clone with an empty cache (sources fetched, everything built, ccache cold)
#   2. warm:   the identical PackageDebs again: every build must be Cached; ratio warm / cold (goal <= 0.01)
#   3. patch:  one QEMU patch added: only BuildQemu and PackageDebs may rerun, the kernel and OVMF stay Cached
#   4. ccache: make clean in the kernel's build folder, then BuildKernel --rebuild: its time over the cold
#              BuildKernel of run 1 (goal <= 0.35)
# Needs root or sudo (build dependencies, linux-source-6.1) and about 30 minutes on 2 cores.
# SEVSTACK_BENCH_WORK (default /var/tmp/sevstack-bench) holds the clone, its cache and the outputs of each run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${SEVSTACK_BENCH_WORK:-/var/tmp/sevstack-bench}"
repo="$WORK/repo"; cache="$WORK/cache"
rm -rf "$repo" "$cache"
mkdir -p "$WORK"
git clone -q "$ROOT" "$repo"
cd "$repo"
./build.sh --help >/dev/null   # the build program itself is compiled once, outside the timed runs

seconds_of() {   # m:ss.f or h:mm:ss.f -> seconds
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"
}
duration_of() {  # target, output file -> the target's duration in the summary table, in seconds
    seconds_of "$(awk -v t="$1" '$1 == t { print $3; exit }' "$2")"
}
status_of() {    # target, output file -> its status in the summary table
    awk -v t="$1" '$1 == t { print $2; exit }' "$2"
}
run() {          # label, args... -> wall seconds; output in $WORK/<label>.out
    local label="$1"; shift
    local start end
    start=$(date +%s%N)
    ./build.sh "$@" --kernel-config tinyconfig --cache-dir "$cache" --no-color >"$WORK/$label.out" 2>&1 \
        || { echo "$label failed, see $WORK/$label.out" >&2; tail -30 "$WORK/$label.out" >&2; exit 1; }
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }'
}
expect() {       # label, target, status
    local got; got=$(status_of "$2" "$WORK/$1.out")
    [ "$got" = "$3" ] || { echo "$1: $2 is $got, expected $3" >&2; exit 1; }
}

cold=$(run cold PackageDebs)
warm=$(run warm PackageDebs)
for t in BuildKernel BuildQemu BuildOvmf PackageDebs; do expect warm "$t" Cached; done

sev_c=artifacts/work/src/qemu/target/i386/sev.c
mkdir -p patches/qemu
cp "$sev_c" "$WORK/sev.c.orig"
{ cat "$sev_c"; echo "/* SevStack benchmark: one more patch */"; } >"$WORK/sev.c.patched"
(cd "$WORK" && diff -u --label a/target/i386/sev.c --label b/target/i386/sev.c sev.c.orig sev.c.patched) >patches/qemu/0001-bench.patch || true
echo 0001-bench.patch >patches/qemu/series
patch_run=$(run patch PackageDebs --update-lock)
expect patch BuildQemu Succeeded; expect patch PackageDebs Succeeded
expect patch BuildKernel Cached; expect patch BuildOvmf Cached

make -s -C artifacts/work/src/kernel O="$repo/artifacts/work/build/linux-host" clean
ccache_run=$(run ccache BuildKernel --rebuild BuildKernel)
kernel_cold=$(duration_of BuildKernel "$WORK/cold.out")
kernel_warm=$(duration_of BuildKernel "$WORK/ccache.out")

awk -v c="$cold" -v w="$warm" -v p="$patch_run" -v kc="$kernel_cold" -v kw="$kernel_warm" -v note="$(grep -o 'ccache [0-9]*% hits ([0-9/]*)' "$WORK/ccache.out" | head -1)" 'BEGIN {
    printf "PackageDebs cold %.1f s, identical second run %.1f s: ratio %.4f (goal <= 0.01)\n", c, w, w / c
    printf "one QEMU patch: %.1f s, reran BuildQemu and PackageDebs only (kernel and OVMF cached)\n", p
    printf "kernel after make clean: cold %.1f s, warm ccache %.1f s: ratio %.2f (goal <= 0.35; %s)\n", kc, kw, kw / kc, note
}'
