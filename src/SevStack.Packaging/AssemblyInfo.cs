// Debian packaging runs on Linux only: dpkg-deb, file modes and ownership are Linux concepts.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
