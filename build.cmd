:; set -eo pipefail
:; exec "$(dirname "$0")/build.sh" "$@"
@ECHO OFF
REM Windows: SevStack builds Linux hosts; run build.sh under WSL or on the Debian/Ubuntu machine itself.
wsl.exe -- ./build.sh %*
EXIT /B %ERRORLEVEL%
