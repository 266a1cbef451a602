#!/usr/bin/env bash
# Cold time of the SEV chain (default profile: linux 6.1, QEMU 7.2, edk2 2022.11 on this machine) next to the SNP
# chain (--profile snp: linux 6.12, QEMU 10.0, edk2 2025.02 in a trixie build root), in one run (issue 21):
#   ./build.sh PackageDebs --kernel-config tinyconfig                 with an empty cache (and so an empty ccache)
#   ./build.sh PackageDebs --kernel-config tinyconfig --profile snp   with another empty cache (a new trixie root too)
# Each chain starts from a fresh clone, so its sources are fetched too. Prints each chain's wall time, the build
# targets' durations and the ratio snp / sev. Needs root (build dependencies, debootstrap) and about 90 minutes on 2 cores.
#   SEVSTACK_BENCH_WORK   folder for the clones, caches and outputs (default /var/tmp/sevstack-bench-chains)
#   SEVSTACK_BENCH_SMOKE=1  a dry run of both chains only (checks this script and the parameters; builds and times nothing)
# Run it on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${SEVSTACK_BENCH_WORK:-/var/tmp/sevstack-bench-chains}"
smoke=false
[[ "${SEVSTACK_BENCH_SMOKE:-0}" == 1 ]] && smoke=true
targets=(PrepareBuildRoot InstallBuildDeps FetchKernel FetchQemu FetchOvmf BuildKernel BuildQemu BuildOvmf PackageDebs)

seconds_of() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }

declare -A wall
for chain in sev snp; do
    repo="$work/$chain/repo" cache="$work/$chain/cache" out="$work/$chain.out"
    args=(PackageDebs --kernel-config tinyconfig --root "$repo" --cache-dir "$cache" --no-color)
    [[ "$chain" == snp ]] && args+=(--profile snp)
    $smoke && args+=(--dry-run)
    rm -rf "${work:?}/$chain"
    mkdir -p "$work/$chain"
    git clone -q "$here" "$repo"
    "$here/build.sh" --help >/dev/null   # the build program is compiled outside the timed run
    start=$(date +%s%N)
    "$here/build.sh" "${args[@]}" >"$out" 2>&1 || { echo "$chain chain failed, see $out" >&2; tail -30 "$out" >&2; exit 1; }
    end=$(date +%s%N)
    wall[$chain]=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.0f", ns / 1e9 }')
    if $smoke; then echo "$chain: dry run of ${args[*]}: ok"; continue; fi
    line="$chain: ${wall[$chain]} s in all;"
    for t in "${targets[@]}"; do
        d=$(awk -v t="$t" '$1 == t && $2 != "Skipped" { print $3; exit }' "$out")
        [[ -n "$d" ]] && line+=" $t $(seconds_of "$d") s"
    done
    echo "$line"
done
$smoke && exit 0
awk -v s="${wall[sev]}" -v n="${wall[snp]}" 'BEGIN { printf "snp chain / sev chain, cold: %.2f (%.0f s / %.0f s); load average at the end: ", n / s, n, s }'
cut -d' ' -f1-3 /proc/loadavg
