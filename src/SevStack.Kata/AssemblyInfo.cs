// BuildKata stages and packages Linux trees (file modes, dpkg): the library runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
