// ConfigureDocker writes into a Linux root (file modes, symlinks, dpkg, systemd): the library runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
