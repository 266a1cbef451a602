// These tests write cpuid device stand-ins, set Unix file modes and run bash, QEMU and libvirt's validator.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
