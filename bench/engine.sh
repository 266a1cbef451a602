#!/usr/bin/env bash
# Engine benchmarks, printed as ratios against their budgets:
#  1. plan + run a generated graph of 500 no-op targets in-process (budget 100 ms)
#  2. ./build.sh --help on a built tree vs a bare `dotnet hello.dll` (budget 1.3x)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

dotnet build -c Release -nologo -v:quiet bench/SevStack.Bench/SevStack.Bench.csproj >/dev/null
dotnet build -c Release -nologo -v:quiet bench/Hello/Hello.csproj >/dev/null
./build.sh --help >/dev/null   # builds the build program once; later runs are the "built tree"

dotnet bench/SevStack.Bench/bin/Release/net10.0/SevStack.Bench.dll

median_ms() {   # median wall time of 11 runs of the given command, in ms
    local samples=()
    for _ in $(seq 11); do
        local start end
        start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
        samples+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${samples[@]}" | sort -n | sed -n 6p
}
hello=$(median_ms dotnet bench/Hello/bin/Release/net10.0/Hello.dll)
help=$(median_ms ./build.sh --help)
awk -v h="$help" -v b="$hello" 'BEGIN { printf "startup: ./build.sh --help %d ms vs dotnet hello.dll %d ms; ratio %.2f (budget 1.30)\n", h, b, h / b }'
