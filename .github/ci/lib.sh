# shellcheck shell=bash
# Sourced by every CI job script: the settings the jobs share. The workflow passes only secrets and the event in
# (SEVSTACK_CACHE_URL, SEVSTACK_CACHE_HEADER, SEVSTACK_CACHE_READ_ONLY, SEVSTACK_SIGNING_KEY, APT_SIGNING_KEY);
# everything else is decided here, so the e2e test that plays the runner runs exactly what the runner runs.
set -euo pipefail
cd "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set: these scripts are run by a GitHub Actions runner (or the e2e test that plays one)}"

# A secret that is not set arrives as an empty string, which is not a value: leave the parameter unset instead.
for variable in SEVSTACK_CACHE_URL SEVSTACK_CACHE_HEADER SEVSTACK_SIGNING_KEY; do
    [ -n "${!variable:-}" ] || unset "$variable"
done

# The output cache lives apart from the checkout; actions/cache saves and restores single entries of it.
export SEVSTACK_CACHE_DIR="${SEVSTACK_CACHE_DIR:-${RUNNER_TEMP:?}/sevstack-cache}"
# The runner's own /boot/config is not the target host's: build the kernel from the architecture's defconfig
# (the SEV options are added and checked on top of it either way).
export SEVSTACK_KERNEL_CONFIG="${SEVSTACK_KERNEL_CONFIG:-defconfig}"
export SEVSTACK_VERBOSITY="${SEVSTACK_VERBOSITY:-normal}" NO_COLOR=1

# The component builds, one runner each; the package job restores all of them.
# shellcheck disable=SC2034 # read by the scripts that source this file
COMPONENT_TARGETS=(BuildKernel BuildGuestKernel BuildQemu BuildKataQemu BuildOvmf)
