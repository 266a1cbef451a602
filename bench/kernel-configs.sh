#!/usr/bin/env bash
# Cold build time of the host kernel per base configuration (issue 19), ratios to tinyconfig in the same run:
#   tinyconfig   --kernel-config tinyconfig (SmokeBoot's kernel; boots no server)
#   trimmed      --kernel-config distribution --kernel-modules LSMOD (the bootable kernel cut to a host's modules;
#                goal <= 40 min and <= 2.5x tinyconfig on 2 cores)
#   floor        --kernel-config distribution --kernel-modules bench/sev-host-floor.lsmod.txt (only kvm_amd, kvm,
#                irqbypass, ccp: boots no server; the least any host's listing can trim Debian's config to, since every
#                SEV host loads these and localmodconfig only removes modules, so no trimmed kernel builds quicker)
#   distribution --kernel-config distribution, the whole Debian config (only with SEVSTACK_BENCH_FULL=1: 85 min on 2 cores)
# Each build is cold: its O= folder is removed and BuildKernel reruns with --rebuild and ccache off; the time is
# BuildKernel's duration in the summary table (configure, compile, bindeb-pkg).
# Usage: bench/kernel-configs.sh [REPO]
#   REPO                  a repository root whose kernel source is fetched (default: the clone bench/real-stack.sh leaves)
#   SEVSTACK_BENCH_SMOKE=1  only a dry run of each configuration (checks this script and the parameters; builds and times nothing)
#   LSMOD=FILE            another host's lsmod output (default: the EPYC server listing of the tests)
#   CONFIGS="tinyconfig floor"  which configurations to build, in this order (default: tinyconfig trimmed, and
#                         distribution with SEVSTACK_BENCH_FULL=1); tinyconfig must be among them for the ratios
# Run it as root on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
full=false smoke=false
[[ "${SEVSTACK_BENCH_FULL:-0}" == 1 ]] && full=true
[[ "${SEVSTACK_BENCH_SMOKE:-0}" == 1 ]] && smoke=true
REPO="${1:-/var/tmp/sevstack-bench/repo}"
LSMOD="${LSMOD:-$here/tests/SevStack.Build.Tests/fixtures/epyc-server.lsmod.txt}"
[[ -f "$LSMOD" ]] || { echo "LSMOD=$LSMOD is not a file: give a target host's lsmod output" >&2; exit 2; }
cd "$REPO"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds_of() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }

declare -A arguments=(
    [tinyconfig]="--kernel-config tinyconfig"
    [trimmed]="--kernel-config distribution --kernel-modules $LSMOD"
    [distribution]="--kernel-config distribution"
    [floor]="--kernel-config distribution --kernel-modules $here/bench/sev-host-floor.lsmod.txt")
selected="${CONFIGS:-tinyconfig trimmed$($full && echo ' distribution')}"
configs=()
for label in $selected; do
    [[ -n "${arguments[$label]:-}" ]] || { echo "CONFIGS names '$label': use tinyconfig, trimmed, floor or distribution" >&2; exit 2; }
    configs+=("$label|${arguments[$label]}")
done
[[ " $selected " == *" tinyconfig "* ]] || { echo "CONFIGS=\"$selected\" lacks tinyconfig, which the ratios are to" >&2; exit 2; }

declare -A seconds
for entry in "${configs[@]}"; do
    label="${entry%%|*}"
    read -r -a args <<<"${entry#*|}"
    if $smoke; then
        "$here/build.sh" BuildKernel --root "$REPO" --dry-run "${args[@]}" --no-color >"$work/$label.out" 2>&1 \
            || { tail -30 "$work/$label.out"; exit 1; }
        echo "$label: dry run of BuildKernel ${args[*]}: ok"
        continue
    fi
    rm -rf "$REPO/artifacts/work/build/linux-host"
    "$here/build.sh" BuildKernel --root "$REPO" --rebuild BuildKernel --ccache false "${args[@]}" --no-color >"$work/$label.out" 2>&1 \
        || { tail -30 "$work/$label.out"; exit 1; }
    seconds[$label]=$(seconds_of "$(awk '$1 == "BuildKernel" { print $3; exit }' "$work/$label.out")")
    echo "$label: cold BuildKernel ${seconds[$label]} s"
done
$smoke && exit 0

tiny="${seconds[tinyconfig]}"
for label in trimmed floor distribution; do
    [[ -n "${seconds[$label]:-}" ]] || continue
    awk -v l="$label" -v s="${seconds[$label]}" -v t="$tiny" 'BEGIN {
        goal = l == "trimmed" ? sprintf(" (goal <= 2.5x and <= 2400 s: %s)", (s / t <= 2.5 && s <= 2400) ? "met" : "missed") : ""
        printf "%s: %.0f s = %.2fx tinyconfig (%.0f s)%s\n", l, s, s / t, t, goal }'
done
