using SevStack.Toolkit.Processes;
using SevStack.Packaging.Inputs;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

/// <summary>
/// A small staged install tree like a component build leaves: a real ELF program linked against libfdt
/// (so dpkg-shlibdeps finds a dependency a minbase root lacks), firmware-like data, a conffile and a link.
/// </summary>
public sealed class StagedTreeFixture : IDisposable
{
    public const long SourceDateEpoch = 1_700_000_000;
    const string Program = """
        #include <libfdt.h>
        #include <stdio.h>
        int main(void) { printf("sevstack-hello %s\n", fdt_strerror(0)); return 0; }
        """;

    /// <summary>Compiled once per test run: gcc is the slowest part of staging, and its output never changes.</summary>
    static readonly Lazy<Task<byte[]>> CompiledProgram = new(CompileAsync);

    readonly TempDirectory temp = new("sevstack-packaging");

    StagedTreeFixture() { }

    public string Folder => temp.Path;

    public static async Task<StagedTreeFixture> CreateAsync(InstallPrefix prefix)
    {
        var fixture = new StagedTreeFixture();
        await fixture.StageAsync("staging", prefix);
        return fixture;
    }

    public string Staging(string name = "staging") => temp.Combine(name);

    /// <summary>Stages the same content again under another folder, with fresh (current) file times.</summary>
    public Task StageAsync(string name, InstallPrefix prefix) => StageInto(temp.Combine(name), prefix);

    async Task StageInto(string root, InstallPrefix prefix)
    {
        var bin = Path.Combine(root, prefix.Relative, "bin");
        var firmware = Path.Combine(root, prefix.Relative, "share", "sevstack-ovmf");
        var etc = Path.Combine(root, "etc", "sevstack");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(firmware);
        Directory.CreateDirectory(etc);

        var program = Path.Combine(bin, "sevstack-hello");
        File.WriteAllBytes(program, await CompiledProgram.Value);
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        File.WriteAllBytes(Path.Combine(firmware, "OVMF_CODE.fd"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());
        File.WriteAllText(Path.Combine(firmware, "OVMF_VARS.fd"), "variables\n");
        File.CreateSymbolicLink(Path.Combine(firmware, "OVMF.fd"), "OVMF_CODE.fd");
        File.WriteAllText(Path.Combine(etc, "hello.conf"), "greeting = hello\n");
        File.SetUnixFileMode(Path.Combine(etc, "hello.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.GroupRead);
    }

    static async Task<byte[]> CompileAsync()
    {
        using var build = new TempDirectory("sevstack-gcc");
        var source = build.WriteFile("hello.c", Program);
        var binary = build.Combine("sevstack-hello");
        await Tools.Runner().RunAsync(new CommandSpec("gcc", "-O2", "-g", "-o", binary, source, "-lfdt"));
        return await File.ReadAllBytesAsync(binary);
    }

    public static DebPackageSpec Spec(string stagingRoot, InstallPrefix prefix, string name = "sevstack-hello") => new()
    {
        Name = name,
        UpstreamVersion = "1.2.3",
        BuildSuffix = "sevstack1",
        Architecture = "amd64",
        Maintainer = "SevStack CI <ci@sevstack.example.org>",
        Summary = "test program for SevStack packaging",
        LongDescription = "A tiny program linked against libfdt, with firmware-like data files and a configuration file, "
            + "used to test that SevStack builds correct, reproducible Debian packages.\n\nIt is installed below the SevStack prefix.",
        StagingRoot = stagingRoot,
        Prefix = prefix,
        Source = new PackageSourceInfo("https://example.org/hello.git", "0123456789abcdef0123456789abcdef01234567", ["0001-sev.patch"]),
        CacheKey = "hello-cachekey-1",
        SourceDateEpoch = SourceDateEpoch,
        Copyright = new CopyrightNotice("2024 SevStack authors", "GPL-2",
            "On Debian systems, the complete text of the GNU General Public License version 2\ncan be found in /usr/share/common-licenses/GPL-2."),
        Section = "utils",
        Homepage = "https://example.org/hello",
    };

    public void Dispose() => temp.Dispose();
}
