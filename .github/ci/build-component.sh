#!/usr/bin/env bash
# Usage: build-component.sh Target
# Builds one component; a cache hit (restored by actions/cache, or from the remote cache) restores it instead.
# shellcheck source=.github/ci/lib.sh
. "${BASH_SOURCE[0]%/*}/lib.sh"
./build.sh "${1:?name the component target}"
