#!/usr/bin/env bash
# From a QEMU patch edit to QEMU's configure/make (issue 20; goal <= 15 s): in a repository whose QEMU was already
# fetched and built by SevStack (the clone bench/real-stack.sh leaves, by default), three BuildQemu runs, each timed
# from its start to the line where BuildQemu starts configure or make, and to its end (--rebuild BuildQemu, so that an
# entry an earlier run of the same patch text left in the output cache does not make it a hit):
#   add:     a new patch in patches/qemu/series (the tree gets it in place);
#   edit:    that patch edited (the recorded copy of the old one is reversed, the new one applied);
#   extract: the patch edited again with the recorded copies removed, so the fetch extracts the whole source again,
#            as every patch change did before; the ratio edit / extract is what applying in place saves.
# Usage: bench/qemu-patch.sh [REPO] [build.sh options...]   (default /var/tmp/sevstack-bench/repo, with
# --kernel-config tinyconfig --cache-dir <REPO>/../cache); SEVSTACK_PROGRAM runs another build program than ./build.sh.
# Each run's console, with milliseconds since its start on every line, is left in ${TMPDIR:-/tmp}/qemu-patch-<label>.out.
set -euo pipefail
REPO="$(realpath "${1:-/var/tmp/sevstack-bench/repo}")"; shift || true
options=("$@")
[[ ${#options[@]} -gt 0 ]] || options=(--kernel-config tinyconfig --cache-dir "$(dirname "$REPO")/cache")
read -r -a program <<<"${SEVSTACK_PROGRAM:-./build.sh}"
cd "$REPO"
tree=artifacts/work/src/qemu
[[ -f "$tree/target/i386/sev.c" ]] || { echo "no QEMU tree in $REPO/$tree: run BuildQemu there first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
series_before="$(cat patches/qemu/series 2>/dev/null || true)"

write_patch() {   # a patch that appends $1 as a comment to target/i386/sev.c, made against the pristine file
    local pristine="$work/sev.c"
    # The tree may already carry an earlier version of the benchmark's patch: take it out of the copy first.
    grep -v '^/\* SevStack benchmark' "$tree/target/i386/sev.c" >"$pristine"
    { cat "$pristine"; echo "/* SevStack benchmark: $1 */"; } >"$work/sev.c.patched"
    mkdir -p patches/qemu
    (cd "$work" && diff -u --label a/target/i386/sev.c --label b/target/i386/sev.c sev.c sev.c.patched) >patches/qemu/zz-bench.patch || true
    grep -qx zz-bench.patch patches/qemu/series 2>/dev/null || echo zz-bench.patch >>patches/qemu/series
}

run() {   # label: runs BuildQemu, prints "<seconds to configure/make> <seconds in all>"
    local out="${TMPDIR:-/tmp}/qemu-patch-$1.out" start
    start=$(date +%s%N)
    "${program[@]}" BuildQemu --rebuild BuildQemu "${options[@]}" --no-color 2>&1 | while IFS= read -r line; do
        printf '%s %s\n' "$(( ($(date +%s%N) - start) / 1000000 ))" "$line"
    done >"$out" || { tail -30 "$out" >&2; echo "$1: BuildQemu failed" >&2; exit 1; }
    local end=$(( ($(date +%s%N) - start) / 1000000 ))
    local first
    # The first command after BuildQemu's heading that runs QEMU's configure or make (its commands are not
    # prefixed with the target's name when it runs alone).
    first=$(awk '/── BuildQemu/ { b = 1 } b && /\$ .*(\/src\/qemu\/configure |make -C [^ ]*\/qemu)/ { print $1; exit }' "$out")
    [[ -n "$first" ]] || { echo "$1: BuildQemu ran no configure or make (see $out)" >&2; exit 1; }
    awk -v f="$first" -v e="$end" 'BEGIN { printf "%.1f %.1f", f / 1000, e / 1000 }'
}

write_patch "one more patch"
add=$(run add)
write_patch "the patch edited"
edit=$(run edit)
grep -q "gets the new series in place" "${TMPDIR:-/tmp}/qemu-patch-edit.out" || { echo "edit: the tree was not patched in place (see ${TMPDIR:-/tmp}/qemu-patch-edit.out)" >&2; exit 1; }
rm -rf artifacts/work/src/.qemu.applied
write_patch "the patch edited again"
extract=$(run extract)
grep -q "replacing the previous source tree" "${TMPDIR:-/tmp}/qemu-patch-extract.out" || { echo "extract: the tree was not extracted again" >&2; exit 1; }

# Leave the series as it was (the next run takes the patch out in place).
if [[ -n "$series_before" ]]; then printf '%s\n' "$series_before" >patches/qemu/series; else rm -f patches/qemu/series; fi
rm -f patches/qemu/zz-bench.patch

awk -v a="$add" -v e="$edit" -v x="$extract" 'BEGIN {
    split(a, A, " "); split(e, E, " "); split(x, X, " ")
    printf "patch added:  %5.1f s to configure/make (goal <= 15 s), BuildQemu run %6.1f s\n", A[1], A[2]
    printf "patch edited: %5.1f s to configure/make (goal <= 15 s), BuildQemu run %6.1f s\n", E[1], E[2]
    printf "re-extracted: %5.1f s to configure/make, BuildQemu run %6.1f s; in place / re-extracted %.2f to make, %.2f in all\n", X[1], X[2], E[1] / X[1], E[2] / X[2]
}'
