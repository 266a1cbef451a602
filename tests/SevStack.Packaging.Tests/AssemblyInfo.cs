// These tests build Debian packages with dpkg-deb, run lintian and install into a debootstrapped root.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
