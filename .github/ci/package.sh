#!/usr/bin/env bash
# The package job: the .deb files of every component (restored builds are cache hits), the apt repository (signed
# when SEVSTACK_SIGNING_KEY names a key and APT_SIGNING_KEY holds it), the launch measurements of our OVMF, and the
# installer for hosts without .NET (artifacts/installer).
# shellcheck source=.github/ci/lib.sh
. "${BASH_SOURCE[0]%/*}/lib.sh"
if [ -n "${APT_SIGNING_KEY:-}" ]; then
    printf '%s\n' "$APT_SIGNING_KEY" | gpg --batch --import
fi
./build.sh PackageDebs "${COMPONENT_TARGETS[@]}" Measure PackageInstaller
