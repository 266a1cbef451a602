// The fixtures are shell scripts and the components drive Linux tools: these tests run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
