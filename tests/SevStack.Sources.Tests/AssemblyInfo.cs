// The tests drive Linux tools (git, apt, tar) and POSIX file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
