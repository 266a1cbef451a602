using SevStack.Testing;

namespace SevStack.Build.Tests.E2E.Docker;

/// <summary>
/// What the tests put where Kata 3.x's shim belongs on a machine without KVM (the real shim cannot start a VM there):
/// a <c>containerd-shim-kata-v2</c> that appends its argv to a log, proving that containerd started it, and fails.
/// </summary>
public static class StandInKataShim
{
    public static void Write(string path, string argvLog, string error)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stderr = string.Concat(error.Split('\n').Select(line => $"echo '{line}' >&2\n"));
        File.WriteAllText(path, $"#!/bin/sh\necho \"$0 $*\" >> {argvLog}\n{stderr}exit 1\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>The root's dpkg database holding only docker.io of this version, as ConfigureDocker reads it.</summary>
    public static void WriteDockerPackageStatus(TempDirectory root, string dockerVersion) => root.WriteFile("var/lib/dpkg/status",
        $"Package: docker.io\nStatus: install ok installed\nArchitecture: amd64\nVersion: {dockerVersion}\nDescription: Linux container runtime\n\n");
}
