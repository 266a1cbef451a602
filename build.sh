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
needs_rebuild() {
    local built_with=
    [ -x "$PROGRAM_DIR/_build" ] || return 0
    if [ -f "$STAMP" ]; then
        read -r built_with <"$STAMP" || true
        [ "$built_with" = "no-c-compiler" ] && has_c_compiler && return 0
    fi
    [ ! -f "$STAMP" ] || [ -n "$(find "$ROOT/build" "$ROOT/src" "$ROOT/global.json" "$ROOT/Directory.Build.props" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP" -print -quit)" ]
}

# Natively compiled (AOT) where a C compiler can link it, so a run starts without the .NET runtime's start-up;
# elsewhere, or when that fails, ReadyToRun: the program's own code compiled ahead of time but run by the runtime.
# Runs with the bootstrap lock held; its temporary names are this process's own.
rebuild() {
    local new_program="$PROGRAM_DIR.new.$$" new_stamp="$STAMP.new.$$"
    rm -rf "$PROGRAM_DIR".new.* "$STAMP".new.*   # left by a bootstrap that was killed (none runs now: we hold the lock)
    if has_c_compiler; then echo c-compiler >"$new_stamp"; else echo no-c-compiler >"$new_stamp"; fi
    publish() {
        rm -rf "$new_program"
        # 9>&-: compiler servers that dotnet starts and that outlive it must not keep the bootstrap lock.
        build_output="$(dotnet publish "$BUILD_PROJECT" -c Release -r linux-x64 "$@" \
            -o "$new_program" -nologo -clp:NoSummary -v:quiet /nodeReuse:false 2>&1 9>&-)" &&
            { [ -x "$new_program/_build" ] || { build_output+=$'\n'"error: dotnet publish succeeded but wrote no $new_program/_build"; false; }; }
    }
    local readytorun=(--self-contained false -p:PublishReadyToRun=true) published=
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
        rm -rf "$new_program" "$new_stamp"
        echo "$build_output" >&2
        echo "error: the build project did not compile (see above)" >&2
        exit 2
    fi
    rm -rf "$PROGRAM_DIR" && mv "$new_program" "$PROGRAM_DIR"
    mv "$new_stamp" "$STAMP"
}

# The bootstrap lock (flock on build/bin/.bootstrap.lock) is taken only when a rebuild seems needed, so the usual run
# stays fork-free; a second ./build.sh that waited on it checks again and finds the program the first one built.
if needs_rebuild; then
    check_sdk_version
    mkdir -p "$ROOT/build/bin"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$ROOT/build/bin/.bootstrap.lock"
        if ! flock -n 9; then
            echo "note: waiting for another ./build.sh that is building the build program (build/bin/.bootstrap.lock)" >&2
            flock 9
        fi
    fi
    if needs_rebuild; then
        rebuild
    fi
    exec 9>&-
fi

# _build is the native program, or with ReadyToRun the launcher that starts the runtime on _build.dll.
exec "$PROGRAM_DIR/_build" "$@"
