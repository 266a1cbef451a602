using SevStack.Host.Installer;
using SevStack.Host.Tests.Support;
using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Host.Tests.Installer;

/// <summary>The installer's repo/ copied from PackageDebs' repository holds every index its Release file names.</summary>
public sealed class InstallerBundleRepositoryTests
{
    [Fact]
    public async Task Every_index_the_release_file_lists_is_copied_with_the_packages()
    {
        using var fixtures = new FixturePackages();
        using var work = new TempDirectory("sevstack-installer-bundle");
        var repository = fixtures.CopyRepository(work.Combine("apt"));
        Shell.RunIn(repository, "gzip", "-9nk", "Packages");
        // As PackageDebs' AptRepository writes it: both indexes listed with their hashes.
        File.WriteAllText(Path.Combine(repository, "Release"), "Origin: SevStack\nSHA256:\n" +
            string.Concat(new[] { "Packages", "Packages.gz" }.Select(n => $" {Sha256(Path.Combine(repository, n))} {new FileInfo(Path.Combine(repository, n)).Length} {n}\n")));
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true));

        await new InstallerBundle(runner, new MemoryBuildLog()).WriteAsync(work.Combine("installer"), new InstallHostRequest
        {
            PackageNames = [FixturePackages.Qemu],
            RepositoryFolder = repository,
        });

        var release = File.ReadAllText(work.Combine("installer", "repo", "Release"));
        var listed = release.Split("SHA256:\n")[1].Split('\n').TakeWhile(l => l.StartsWith(' ')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains(listed, l => l[2] == "Packages.gz");
        foreach (var index in listed)
        {
            var copy = work.Combine("installer", "repo", index[2]);
            Assert.True(File.Exists(copy), $"{index[2]} is listed in Release but not in the installer's repo/");
            Assert.Equal(index[0], Sha256(copy));
        }
    }

    static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
