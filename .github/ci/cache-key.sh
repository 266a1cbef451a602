#!/usr/bin/env bash
# Usage: cache-key.sh [Target...] (default: every component build)
# Writes to $GITHUB_OUTPUT, for each target, the cache key SevStack computes (key-<Target>) and the folder of that
# cache entry (path-<Target>), which actions/cache saves and restores under that key; for one target also as key and path.
# shellcheck source=.github/ci/lib.sh
. "${BASH_SOURCE[0]%/*}/lib.sh"
[ $# -gt 0 ] || set -- "${COMPONENT_TARGETS[@]}"

keys="$(./build.sh "$@" --print-cache-key)"
[ "$(grep -c . <<<"$keys")" -eq $# ] || { echo "error: expected one key for each of $*, got: $keys" >&2; exit 1; }
while read -r target key; do
    echo "key-$target=$key"
    echo "path-$target=$SEVSTACK_CACHE_DIR/$target/$key"
    [ $# -ne 1 ] || { echo "key=$key"; echo "path=$SEVSTACK_CACHE_DIR/$target/$key"; }
done <<<"$keys" | tee -a "${GITHUB_OUTPUT:?}"
