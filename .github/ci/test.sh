#!/usr/bin/env bash
# The fast test suite, with the Debian packages and tools the tests need (installed by the Test target itself).
# shellcheck source=.github/ci/lib.sh
. "${BASH_SOURCE[0]%/*}/lib.sh"
./build.sh Test --test-suite fast
