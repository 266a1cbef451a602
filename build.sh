#!/usr/bin/env bash
# SevStack bootstrapper: checks the .NET SDK that global.json asks for, builds the build project quietly,
# then runs it with every argument. It never downloads anything.
set -eo pipefail

# Few processes before the build program starts: each fork costs milliseconds of every run (bench/engine.sh).
case "${BASH_SOURCE[0]}" in
    */*) ROOT="${BASH_SOURCE[0]%/*}" ;;
    *) ROOT=. ;;
esac
case "$ROOT" in
    /*) ;;
    .) ROOT="$PWD" ;;
    *) ROOT="$PWD/${ROOT#./}" ;;
esac
BUILD_PROJECT="$ROOT/build/_build.csproj"
PROGRAM_DIR="$ROOT/build/bin/program"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en

wanted_sdk() {   # major.minor of the SDK global.json names
    sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([0-9]*\)\.\([0-9]*\)\..*/\1.\2/p' "$ROOT/global.json" | head -n 1
}
if ! command -v dotnet >/dev/null 2>&1; then
    wanted="$(wanted_sdk)"
    echo "error: the .NET SDK $wanted is not installed (no 'dotnet' on PATH)." >&2
    echo "       Install it from your distribution or Microsoft's package repository, e.g.: apt-get install dotnet-sdk-$wanted" >&2
    exit 2
fi

check_sdk_version() {
    local wanted; wanted="$(wanted_sdk)"
    if ! dotnet --list-sdks 2>/dev/null | grep -q "^$wanted\."; then
        echo "error: global.json asks for .NET SDK $wanted.x, but this machine has: $(dotnet --list-sdks | cut -d' ' -f1 | tr '\n' ' ')" >&2
        echo "       Install it, e.g.: apt-get install dotnet-sdk-$wanted" >&2
        exit 2
    fi
}

has_c_compiler() { command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; }

# Rebuild when a source of the build program changed since the last successful build, or when it was built without a
# C compiler (ReadyToRun) and one has been installed since (by the Test or InstallBuildDeps target).
STAMP="$ROOT/build/bin/.built-stamp"
built_without_compiler=
if [ -f "$STAMP" ]; then
    read -r built_with <"$STAMP" || true
    [ "${built_with:-}" = "no-c-compiler" ] && has_c_compiler && built_without_compiler=yes
fi
if [ ! -f "$STAMP" ] || [ -n "$built_without_compiler" ] || [ -n "$(find "$ROOT/build" "$ROOT/src" "$ROOT/global.json" "$ROOT/Directory.Build.props" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP" -print -quit)" ]; then
    check_sdk_version
    mkdir -p "$ROOT/build/bin"
    if has_c_compiler; then echo c-compiler >"$STAMP.new"; else echo no-c-compiler >"$STAMP.new"; fi
    # Natively compiled (AOT) where a C compiler can link it, so a run starts without the .NET runtime's start-up;
    # elsewhere, or when that fails, ReadyToRun: the program's own code compiled ahead of time but run by the runtime.
    publish() {
        rm -rf "$PROGRAM_DIR.new"
        build_output="$(dotnet publish "$BUILD_PROJECT" -c Release -r linux-x64 "$@" \
            -o "$PROGRAM_DIR.new" -nologo -clp:NoSummary -v:quiet /nodeReuse:false 2>&1)"
    }
    readytorun=(--self-contained false -p:PublishReadyToRun=true)
    published=
    if has_c_compiler; then
        if publish -p:PublishAot=true; then
            published=native
        else
            echo "note: native compilation of the build program failed, using ReadyToRun: $(grep -m 1 -i 'error' <<<"$build_output")" >&2
        fi
    else
        echo "note: no C compiler (gcc or clang) to compile the build program natively, using ReadyToRun; it compiles natively once one is installed" >&2
    fi
    if [ -z "$published" ] && publish "${readytorun[@]}"; then
        published=readytorun
    fi
    if [ -z "$published" ]; then
        echo "$build_output" >&2
        echo "error: the build project did not compile (see above)" >&2
        exit 2
    fi
    rm -rf "$PROGRAM_DIR" && mv "$PROGRAM_DIR.new" "$PROGRAM_DIR"
    mv "$STAMP.new" "$STAMP"
fi

# _build is the native program, or with ReadyToRun the launcher that starts the runtime on _build.dll.
exec "$PROGRAM_DIR/_build" "$@"
