#!/usr/bin/env bash
# What ccache costs on a cold store, and what it gives back warm (issue 20), for QEMU and a tinyconfig kernel:
# each build runs in a fresh build folder with an empty ccache store of its own, in this order:
#   none    no ccache (CCACHE_DISABLE=1, plain gcc), as --ccache false builds;
#   before  ccache as SevStack set it up before depend mode (direct mode, falling back to running the preprocessor
#           on every miss);
#   after   ccache as src/SevStack.Components/Ccache/CompilerCache.cs sets it up now (depend mode);
#   warm    the `after` store again, from another checkout: the same tree and build folder layout under another
#           path (the objects must hit across checkout paths through base_dir, as SevStack sets it to its work folder);
# and prints each build's wall and CPU time, its CPU time's ratio to `none`, and the ccache hit rate.
# QEMU is Debian 12's 7.2 source tree, configured with the flags SevStack used (the sevstack-configure.args its build
# folder records) and built as QemuBuilder does (make qemu-system-x86_64 trace/trace-events-all). The kernel is the
# tree SevStack fetched, tinyconfig, built with the make variables KernelToolVariables passes (vmlinux and bzImage).
# Usage: bench/ccache-cold.sh [WORK]   (default /var/tmp/ccache-patches/bench; about 25 min for QEMU on 2 cores)
#   QEMU_SRC=...      an extracted QEMU tree (default: extracted into WORK from the e2e cache's .dsc)
#   QEMU_ARGS=...     a sevstack-configure.args (default: the e2e repository's qemu-host build folder)
#   KERNEL_SRC=...    a kernel tree to copy (default: the e2e repository's); SEVSTACK_BENCH_KERNEL=0 skips the kernel
#   SEVSTACK_BENCH_QEMU=0 skips QEMU; SEVSTACK_BENCH_VARIANTS="none before after warm" chooses variants (also
#   nocompress and depend-nocompress: `before` and `after` with CCACHE_NOCOMPRESS, to compare);
#   SEVSTACK_BENCH_QEMU_TARGETS="libqemuutil.a" builds only those ninja targets (a quick comparison, not the full build).
set -euo pipefail
WORK="$(realpath -m "${1:-/var/tmp/ccache-patches/bench}")"
E2E=/var/tmp/sevstack-e2e
JOBS="${JOBS:-$(nproc)}"
VARIANTS="${SEVSTACK_BENCH_VARIANTS:-none before after warm}"
mkdir -p "$WORK"

# The settings CompilerCache gives every build (CCACHE_DIR and CCACHE_BASEDIR are set per build below).
common=(CCACHE_NOHASHDIR=true CCACHE_COMPILERCHECK=content)
ccache_env() {   # the environment of a variant, for `env`
    case "$1" in
        none) echo CCACHE_DISABLE=1 ;;
        before) echo "${common[@]}" CCACHE_NODEPEND=1 ;;
        after|warm) echo "${common[@]}" CCACHE_DEPEND=true ;;
        nocompress) echo "${common[@]}" CCACHE_NODEPEND=1 CCACHE_NOCOMPRESS=1 ;;
        depend-nocompress) echo "${common[@]}" CCACHE_DEPEND=true CCACHE_NOCOMPRESS=1 ;;
    esac
}
store_of() { case "$1" in warm) echo "$WORK/ccache-after" ;; *) echo "$WORK/ccache-$1" ;; esac; }

declare -A cpu=()
report_line() {   # component variant "wall cpu" [note]; the ratio is of CPU time (user + system of every process of the
                  # build), which a machine shared with other work disturbs far less than the wall time
    local base="${cpu[$1/none]:-}"
    awk -v c="$1" -v v="$2" -v t="$3" -v b="$base" -v n="${4:-}" 'BEGIN {
        split(t, s, " "); printf "%s %-17s wall %7.1f s  cpu %7.1f s", c, v, s[1], s[2]
        if (b != "") printf "  cpu %.2fx no ccache", s[2] / b
        printf "  %s\n", n }' | tee -a "$WORK/results.txt"
}
hits_of() {   # "ccache N% hits (h/h+m)" from a store's counters
    CCACHE_DIR="$1" ccache --print-stats | awk -F'\t' '
        $1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { h += $2 } $1 == "cache_miss" { m += $2 }
        END { if (h + m == 0) print "no compilations"; else printf "ccache %.0f%% hits (%d/%d)\n", 100 * h / (h + m), h, h + m }'
}
timed() {   # "wall cpu" seconds of the command (its processes' user + system time), its output in $log
    local TIMEFORMAT='%R %U %S' times
    times=$( { time "$@" >>"$log" 2>&1; } 2>&1 ) || { tail -30 "$log" >&2; echo "failed: $*; log in $log" >&2; exit 1; }
    awk '{ printf "%.1f %.1f", $1, $2 + $3 }' <<<"$times"
}
fresh_store() {   # empties a variant's store unless it is the warm one
    local store; store="$(store_of "$1")"
    [[ "$1" == warm ]] || { rm -rf "$store"; mkdir -p "$store"; }
    CCACHE_DIR="$store" ccache --zero-stats >/dev/null
    echo "$store"
}

layout() {   # <component> <variant>: a checkout of its own, $WORK/<component>-<variant>/{src,build}, the src hard-linked to $1's tree
    local root="$WORK/$1-$2"
    rm -rf "$root"; mkdir -p "$root/build"; cp -al "$3" "$root/src"
    echo "$root"
}

bench_qemu() {
    local tree="${QEMU_SRC:-$WORK/qemu-src}"
    [[ -f "$tree/configure" ]] || { rm -rf "$tree"; dpkg-source --no-copy -x "$(ls "$E2E"/cache/sources/apt/qemu/*/qemu_*.dsc | head -1)" "$tree" >/dev/null; }
    local args="${QEMU_ARGS:-$E2E/repo/artifacts/work/build/qemu/qemu-host/sevstack-configure.args}"
    local -a flags; mapfile -t flags < <(tail -n +2 "$args" | grep -v '^--cc=')
    for variant in $VARIANTS; do
        local root store t cc=gcc
        root="$(layout qemu "$variant" "$tree")"
        store="$(fresh_store "$variant")"
        [[ "$variant" == none ]] || cc="ccache gcc"
        log="$WORK/qemu-$variant.log"; : >"$log"
        # shellcheck disable=SC2046
        t=$(cd "$root/build" && timed env $(ccache_env "$variant") CCACHE_DIR="$store" CCACHE_BASEDIR="$root" bash -c \
            '../src/configure "${@:2}" && make -j"$1" $TARGETS' x "$JOBS" "${flags[@]}" --cc="$cc")
        cpu[qemu/$variant]=${t#* }
        report_line qemu "$variant" "$t" "$([[ "$variant" == none ]] || hits_of "$store")"
    done
}

bench_kernel() {
    local tree="$WORK/kernel-src"
    [[ -f "$tree/Makefile" ]] || { rm -rf "$tree"; cp -a "${KERNEL_SRC:-$E2E/repo/artifacts/work/src/kernel}" "$tree"; }
    for variant in $VARIANTS; do
        local root store t
        local -a vars=(HOSTLDFLAGS=-s NM=gcc-nm)
        root="$(layout kernel "$variant" "$tree")"
        store="$(fresh_store "$variant")"
        [[ "$variant" == none ]] || vars+=("HOSTCC=ccache gcc" "CC=ccache gcc")
        log="$WORK/kernel-$variant.log"; : >"$log"
        # shellcheck disable=SC2046
        t=$(timed env $(ccache_env "$variant") CCACHE_DIR="$store" CCACHE_BASEDIR="$root" bash -c \
            'make -C "$0/src" O="$0/build" "${@:2}" tinyconfig && make -C "$0/src" O="$0/build" -j"$1" "${@:2}" vmlinux bzImage' "$root" "$JOBS" "${vars[@]}")
        cpu[kernel/$variant]=${t#* }
        report_line kernel "$variant" "$t" "$([[ "$variant" == none ]] || hits_of "$store")"
    done
}

export TARGETS="${SEVSTACK_BENCH_QEMU_TARGETS:-qemu-system-x86_64 trace/trace-events-all}"
echo "# $(date -u +%FT%TZ) $(ccache --version | head -1), $JOBS jobs, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/results.txt"
[[ "${SEVSTACK_BENCH_QEMU:-1}" == 0 ]] || bench_qemu
[[ "${SEVSTACK_BENCH_KERNEL:-1}" == 0 ]] || bench_kernel
