// Component builds run Linux tools and package Linux trees: the library runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
