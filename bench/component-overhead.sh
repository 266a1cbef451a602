#!/usr/bin/env bash
# Overhead of SevStack over a shell script for each component build (issue 4; goal <= 3%):
# for each of BuildQemu, BuildOvmf, BuildKernel, the build folder is cleaned and the target is rerun
# (--rebuild, ccache off); then the folder is cleaned again and the exact commands the target logged
# (artifacts/logs/<Target>.log, "$ ..." lines, with their working directories) are run by bash.
# Compares the target's duration in the summary table with the script's wall time.
# Works in a repository root whose sources are already fetched (default: the clone bench/real-stack.sh leaves in
# /var/tmp/sevstack-bench/repo); run it on an otherwise idle machine, about 25 minutes on 2 cores.
set -euo pipefail
REPO="${1:-/var/tmp/sevstack-bench/repo}"
TARGETS="${SEVSTACK_BENCH_TARGETS:-BuildQemu BuildOvmf BuildKernel}"
cd "$REPO"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds_of() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }
clean() {
    case "$1" in
        BuildQemu) rm -rf artifacts/work/build/qemu/qemu-host ;;
        BuildOvmf) rm -rf artifacts/work/src/ovmf/Build; make -s -C artifacts/work/src/ovmf/BaseTools clean >/dev/null ;;
        BuildKernel) make -s -C artifacts/work/src/kernel O="$REPO/artifacts/work/build/linux-host" clean ;;
    esac
}
script_of() {    # the logged commands of a target as a bash script; folders the target creates in-process are made with mkdir -p
    echo 'set -e'
    sed -n 's/^\$ //p' "artifacts/logs/$1.log" | awk '{
        if (match($0, /   \(in [^)]*\)$/)) {
            dir = substr($0, RSTART + 7, RLENGTH - 8); cmd = substr($0, 1, RSTART - 1)
            print "(mkdir -p " dir " && cd " dir " && " cmd ")"
        } else print
    }'
}

for target in $TARGETS; do
    clean "$target"
    ./build.sh "$target" --rebuild "$target" --ccache false --kernel-config tinyconfig --no-color >"$work/$target.out" 2>&1 \
        || { tail -30 "$work/$target.out"; exit 1; }
    sevstack=$(seconds_of "$(awk -v t="$target" '$1 == t { print $3; exit }' "$work/$target.out")")
    script_of "$target" >"$work/$target.sh"
    clean "$target"
    start=$(date +%s%N)
    bash "$work/$target.sh" >"$work/$target.script.log" 2>&1 || { tail -30 "$work/$target.script.log"; exit 1; }
    end=$(date +%s%N)
    awk -v t="$target" -v s="$sevstack" -v ns=$((end - start)) -v n="$(grep -c . "$work/$target.sh")" 'BEGIN {
        h = ns / 1e9; printf "%s: SevStack %.1f s, the same %d commands in bash %.1f s: overhead %+.1f%% (goal <= 3%%)\n", t, s, n - 1, h, (s / h - 1) * 100 }'
done
