using SevStack.Engine.Caching;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

public sealed class DebPackageBuilderTests
{
    [Fact]
    public async Task Control_file_has_version_depends_from_shlibdeps_and_size()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        var record = await new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal), output.Path);
        var deb = output.Combine(record.File);

        Assert.Equal("sevstack-hello_1.2.3-sevstack1_amd64.deb", record.File);
        Assert.Equal(FileHashes.Sha256(deb), record.Sha256);
        var info = await Tools.Output("dpkg-deb", "--info", deb);
        Assert.Contains(" Version: 1.2.3-sevstack1\n", info);
        Assert.Contains(" Architecture: amd64\n", info);
        Assert.Contains(" Maintainer: SevStack CI <ci@sevstack.example.org>\n", info);
        Assert.Matches(@" Depends: (.*, )?libc6 \(>= [0-9.]+\)", info);
        Assert.Matches(@" Depends: (.*, )?libfdt1 \(>= [0-9.]+\)", info);
        Assert.Matches(@" Installed-Size: [1-9][0-9]*\n", info);
        Assert.Contains(" Homepage: https://example.org/hello\n", info);
        Assert.Contains(" Description: test program for SevStack packaging\n  A tiny program", info);
        Assert.Contains("\n  .\n  It is installed below the SevStack prefix.", info);
        Assert.DoesNotContain("postinst", info);
    }

    [Fact]
    public async Task Contents_are_root_owned_at_the_source_date_with_normalised_modes_and_docs()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        var record = await new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal), output.Path);

        var contents = await Tools.Output("dpkg-deb", "--contents", output.Combine(record.File));
        var lines = contents.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Contains(" root/root ", line));
        Assert.All(lines, line => Assert.Contains(" 2023-11-14 22:13 ", line));
        Assert.Contains(lines, l => l.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && l.EndsWith("./usr/local/bin/sevstack-hello", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("-rw-r--r--", StringComparison.Ordinal) && l.EndsWith("./etc/sevstack/hello.conf", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("lrwxrwxrwx", StringComparison.Ordinal) && l.EndsWith("./usr/local/share/sevstack-ovmf/OVMF.fd -> OVMF_CODE.fd", StringComparison.Ordinal));
        foreach (var doc in new[] { "copyright", "changelog.Debian.gz", "sevstack-build.json" })
            Assert.Contains(lines, l => l.EndsWith("./usr/share/doc/sevstack-hello/" + doc, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("./usr/share/lintian/overrides/sevstack-hello", StringComparison.Ordinal));
        // dpkg-deb sorts names, with symbolic links after everything else so their targets unpack first.
        var paths = lines.Where(l => l[0] != 'l').Select(l => l[(l.IndexOf(" ./", StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal(paths.OrderBy(p => p, StringComparer.Ordinal), paths);
    }

    [Fact]
    public async Task Md5sums_match_the_shipped_files_and_etc_files_are_conffiles()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.OptSevStack);
        using var output = new TempDirectory("sevstack-debs");
        var record = await new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.OptSevStack), output.Path);
        var deb = output.Combine(record.File);
        var extracted = output.Combine("x");
        await Tools.Output("dpkg-deb", "--raw-extract", deb, extracted);

        var md5sums = File.ReadAllText(Path.Combine(extracted, "DEBIAN", "md5sums"));
        Assert.Contains("  opt/sevstack/bin/sevstack-hello\n", md5sums);
        Assert.Contains("  usr/share/doc/sevstack-hello/copyright\n", md5sums);
        Assert.DoesNotContain("OVMF.fd\n", md5sums);
        var verify = await Tools.Runner().RunAsync(new SevStack.Toolkit.Processes.CommandSpec("md5sum", "--check", "--strict", "DEBIAN/md5sums") { WorkingDirectory = extracted });
        var listed = md5sums.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(7, listed);
        Assert.Equal(listed, verify.StandardOutput.Split('\n').Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));

        Assert.Equal("/etc/sevstack/hello.conf\n", File.ReadAllText(Path.Combine(extracted, "DEBIAN", "conffiles")));
        Assert.Contains("opt/sevstack/bin/sevstack-hello", await Tools.Output("dpkg-deb", "--contents", deb));
        var elf = await Tools.Output("file", Path.Combine(extracted, "opt", "sevstack", "bin", "sevstack-hello"));
        Assert.Contains(", stripped", elf);
    }

    [Fact]
    public async Task Embedded_build_report_names_the_source_and_cache_key()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        var record = await new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal), output.Path);
        await Tools.Output("dpkg-deb", "--extract", output.Combine(record.File), output.Combine("x"));

        var report = File.ReadAllText(output.Combine("x", "usr", "share", "doc", "sevstack-hello", "sevstack-build.json"));
        Approved.Verify(report, "embedded-report");
    }
}
