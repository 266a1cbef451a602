namespace SevStack.Host.Tests.Support;

/// <summary>Tiny real .deb packages and a flat apt repository of them, built once per test run with dpkg-deb and dpkg-scanpackages.</summary>
sealed class FixturePackages : IDisposable
{
    public const string KernelRelease = "6.1.0-sevtest";
    public const string Kernel = "linux-image-" + KernelRelease;
    public const string Qemu = "sevstack-qemu";
    public const string FailingPostinst = "sevstack-broken-postinst";

    readonly string folder = Directory.CreateTempSubdirectory("sevstack-host-fixtures-").FullName;

    public FixturePackages()
    {
        Directory.CreateDirectory(DebsFolder);
        Build(Kernel, "6.1.0-1", depends: null,
            files: new() { [$"boot/vmlinuz-{KernelRelease}"] = "not really a kernel\n", [$"lib/modules/{KernelRelease}/modules.order"] = "" },
            postinst: $"#!/bin/sh\nset -e\nif [ -d /etc/kernel/postinst.d ]; then run-parts --arg={KernelRelease} --arg=/boot/vmlinuz-{KernelRelease} /etc/kernel/postinst.d; fi\n");
        Build(Qemu, "8.2.0-1", depends: "libfdt1",
            files: new() { ["usr/bin/qemu-system-x86_64-sev"] = "#!/bin/sh\necho fixture qemu\n" }, postinst: null);
        Build(FailingPostinst, "1.0", depends: null,
            files: new() { ["opt/sevstack-broken/marker"] = "x\n" }, postinst: "#!/bin/sh\necho 'configuration of the fixture fails on purpose' >&2\nexit 1\n");
        Directory.CreateDirectory(RepositoryFolder);
        foreach (var deb in Directory.GetFiles(DebsFolder))
            File.Copy(deb, Path.Combine(RepositoryFolder, Path.GetFileName(deb)));
        var packages = Shell.RunIn(RepositoryFolder, "dpkg-scanpackages", "--multiversion", "-m", ".");
        File.WriteAllText(Path.Combine(RepositoryFolder, "Packages"), packages);
    }

    /// <summary>The .deb files alone, as --debs DIR receives them.</summary>
    public string DebsFolder => Path.Combine(folder, "debs");

    /// <summary>A flat repository like the one PackageDebs writes to artifacts/apt.</summary>
    public string RepositoryFolder => Path.Combine(folder, "apt");

    /// <summary>A writable copy of the repository for tests that damage it.</summary>
    public string CopyRepository(string destination)
    {
        Shell.Run("cp", "-r", RepositoryFolder, destination);
        return destination;
    }

    void Build(string name, string version, string? depends, Dictionary<string, string> files, string? postinst) =>
        FixtureDeb.Build(folder, DebsFolder, name, version, depends, files, postinst);

    public void Dispose() => Shell.Run("rm", "-rf", folder);
}
