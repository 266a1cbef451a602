#!/usr/bin/env bash
# What a bare debian:bookworm container lacks before the build can start: the .NET SDK's libraries and git.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl git gnupg libicu72 xz-utils
