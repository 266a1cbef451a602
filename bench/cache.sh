#!/usr/bin/env bash
# Cache benchmark on fixture targets (the real-stack benchmark of issue 5 waits for the component builds):
# the cache probe builds two cacheable targets with 2 s of simulated work each, twice on an empty cache.
# Prints the wall time of the second (all hits, restoring 2 MB) over the first, process start-up included.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

dotnet build -c Release -nologo -v:quiet tests/SevStack.Engine.CacheProbe/SevStack.Engine.CacheProbe.csproj >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run_ms() {   # wall time of one probe build, in ms
    local start end
    start=$(date +%s%N)
    dotnet tests/SevStack.Engine.CacheProbe/bin/Release/net10.0/SevStack.Engine.CacheProbe.dll "$work/cache" "$work" none 2000 >"$work/last.txt"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
first=$(run_ms)
second=$(run_ms)
grep -q "Producer:Cached" "$work/last.txt" || { echo "second run was not a cache hit:"; cat "$work/last.txt"; exit 1; }
awk -v a="$first" -v b="$second" 'BEGIN { printf "cache: cold %d ms, warm (all hits) %d ms; ratio %.3f\n", a, b, b / a }'
