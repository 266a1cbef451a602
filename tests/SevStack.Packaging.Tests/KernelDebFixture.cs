using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Tests;

/// <summary>A small package shaped like one `make bindeb-pkg` writes (linux-image-&lt;release&gt;, /boot and /lib/modules), built with dpkg-deb.</summary>
static class KernelDebFixture
{
    public const string Release = "6.1.192-sevtest";
    public const string PackageName = "linux-image-" + Release;
    public const string Version = "6.1.192-sevtest1";
    public const string FileName = PackageName + "_" + Version + "_amd64.deb";

    public static Task<string> BuildAsync(string folder) => BuildAsync(folder, PackageName, FileName);

    public static async Task<string> BuildAsync(string folder, string packageName, string fileName)
    {
        var root = Path.Combine(folder, "kernel-root-" + packageName);
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, "boot"));
        Directory.CreateDirectory(Path.Combine(root, "lib", "modules", Release, "kernel"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", "doc", PackageName));
        File.WriteAllText(Path.Combine(root, "boot", "vmlinuz-" + Release), "not really a kernel\n");
        File.WriteAllText(Path.Combine(root, "boot", "config-" + Release), "CONFIG_KVM_AMD_SEV=y\n");
        File.WriteAllText(Path.Combine(root, "lib", "modules", Release, "modules.order"), "kernel/kvm-amd.ko\n");
        File.WriteAllText(Path.Combine(root, "usr", "share", "doc", PackageName, "copyright"), "GPL-2\n");
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"), $"""
            Package: {packageName}
            Source: linux-upstream
            Version: {Version}
            Architecture: amd64
            Maintainer: SevStack CI <ci@sevstack.example.org>
            Section: kernel
            Priority: optional
            Description: Linux kernel, version {Release}
             This package contains the Linux kernel, modules and corresponding other files.

            """);
        var deb = Path.Combine(folder, fileName);
        await Tools.Runner().RunAsync(new CommandSpec("dpkg-deb", "--root-owner-group", "--build", root, deb)
        {
            Environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1700000000" },
        });
        return deb;
    }
}
