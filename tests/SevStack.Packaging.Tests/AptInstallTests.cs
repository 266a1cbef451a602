using SevStack.Toolkit.Processes;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Testing;
using Xunit.Abstractions;

namespace SevStack.Packaging.Tests;

public sealed class AptInstallTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Packages_install_from_the_signed_repository_into_a_debootstrapped_root_and_purge_cleanly()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        using var key = await ThrowawayGpgKey.CreateAsync();
        var kernelDeb = await KernelDebFixture.BuildAsync(fixture.Folder);
        var kernel = new KernelDebInput(kernelDeb, new PackageSourceInfo("https://kernel.example.org/linux.git", "v6.1.192", []), "kernel-cachekey-1");
        var request = new PackageDebsRequest(artifacts.Path, [StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal)], [kernel], key.Key);
        var result = await new PackageDebsPipeline(Tools.Runner(), new MemoryBuildLog()).RunAsync(request);

        using var root = new DebianTestRoot();
        CopyFolder(result.Artifacts.Apt, root.Map("/srv/sevstack-apt"));
        File.WriteAllText(root.Map("/etc/apt/sources.list.d/sevstack.list"),
            $"deb [signed-by=/srv/sevstack-apt/{AptRepository.KeyringFileName}] file:/srv/sevstack-apt ./\n");

        await Expect(root, "apt-get", "-o", "Acquire::Languages=none", "update");
        await Expect(root, "apt-get", "install", "-y", "--no-install-recommends", "sevstack-hello", KernelDebFixture.PackageName);

        var hello = await Expect(root, "/usr/local/bin/sevstack-hello");
        Assert.Contains("sevstack-hello", hello.StandardOutput);
        var libfdt = await Expect(root, "dpkg-query", "--show", "--showformat", "${Status}", "libfdt1");
        Assert.Equal("install ok installed", libfdt.StandardOutput.Trim());
        Assert.True(File.Exists(root.Map("/boot/vmlinuz-" + KernelDebFixture.Release)));
        Assert.True(File.Exists(root.Map("/etc/sevstack/hello.conf")));

        await Expect(root, "apt-get", "purge", "-y", "sevstack-hello", KernelDebFixture.PackageName);

        var shipped = await ShippedPaths(artifacts.Combine("debs"));
        Assert.NotEmpty(shipped);
        Assert.All(shipped, path => Assert.False(File.Exists(root.Map(path)) || Directory.Exists(root.Map(path)), $"{path} is left after purge"));
        Assert.False(Directory.Exists(root.Map("/etc/sevstack")));
    }

    async Task<CommandResult> Expect(DebianTestRoot root, params string[] command)
    {
        var result = await root.ChrootAsync(command);
        output.WriteLine($"$ {string.Join(' ', command)} (exit {result.ExitCode})\n{result.StandardOutput}{result.StandardError}");
        Assert.True(result.Succeeded, $"{string.Join(' ', command)} failed in the root:\n{result.StandardError}");
        return result;
    }

    /// <summary>Files and links (not shared directories such as /usr/local/bin) of every package in the folder.</summary>
    static async Task<IReadOnlyList<string>> ShippedPaths(string debs)
    {
        var paths = new List<string>();
        foreach (var deb in Directory.GetFiles(debs, "*.deb"))
        {
            var contents = await Tools.Output("dpkg-deb", "--contents", deb);
            paths.AddRange(contents.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l[0] != 'd')
                .Select(l => l[(l.IndexOf(" ./", StringComparison.Ordinal) + 2)..].Split(" -> ")[0]));
        }
        return paths;
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
