using SevStack.Engine.Caching;
using SevStack.Testing;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Tests.Caching;

/// <summary>
/// Tool identities for cache keys from Debian packages, on a fixture machine whose dpkg knows what is installed and whose
/// apt knows what it would install: the same identity before and after the install, one query for all packages.
/// </summary>
public sealed class PackageVersionsTests
{
    static readonly Dictionary<string, (string Version, string Depends)> Archive = new(StringComparer.Ordinal)
    {
        ["gcc"] = ("4:12.2.0-3", "cpp (= 4:12.2.0-3), gcc-12 (>= 12.2.0-1~)"),
        ["gcc-12"] = ("12.2.0-14+deb12u1", "cpp-12 (= 12.2.0-14+deb12u1), libc6 (>= 2.34)"),
        ["make"] = ("4.3-4.1", "libc6 (>= 2.34)"),
        ["python3"] = ("3.11.2-1+b1", "python3.11 (>= 3.11.2-1~), python3-minimal (= 3.11.2-1+b1)"),
        ["python3.11"] = ("3.11.2-6+deb12u6", "python3.11-minimal (= 3.11.2-6+deb12u6)"),
        ["python3-minimal"] = ("3.11.2-1+b1", "dpkg (>= 1.13.20)"),
    };

    static readonly string[] Tools = ["gcc", "make", "python3"];

    [Fact]
    public async Task Installed_packages_are_keyed_by_their_versions_and_those_of_the_versioned_packages_they_pull_in()
    {
        var machine = new FixtureMachine(installed: Archive.Keys);

        var identities = await machine.IdentitiesAsync(Tools);

        Assert.Equal("gcc 4:12.2.0-3, gcc-12 12.2.0-14+deb12u1", identities["gcc"]);
        Assert.Equal("make 4.3-4.1", identities["make"]);
        Assert.Equal("python3 3.11.2-1+b1, python3-minimal 3.11.2-1+b1, python3.11 3.11.2-6+deb12u6", identities["python3"]);
        Assert.DoesNotContain(machine.Runner.Calls, c => c.Program == "apt-cache");
    }

    [Fact]
    public async Task A_machine_without_the_packages_gets_the_same_identities_from_the_versions_apt_would_install()
    {
        var builder = new FixtureMachine(installed: Archive.Keys);
        var fresh = new FixtureMachine(installed: []);

        var built = await builder.IdentitiesAsync(Tools);
        var looked = await fresh.IdentitiesAsync(Tools);

        Assert.Equal(built, looked);
        Assert.Contains("gcc 4:12.2.0-3 (not installed: apt's candidate)", string.Join("\n", fresh.Log.Lines), StringComparison.Ordinal);
        // One dpkg-query and one apt-cache for all the tools' packages, then for the versioned packages they pull in.
        Assert.Equal(["dpkg-query gcc make python3", "apt-cache gcc make python3", "dpkg-query gcc-12 python3-minimal python3.11", "apt-cache gcc-12 python3-minimal python3.11"],
            fresh.Runner.Calls.Select(c => $"{c.Program} {string.Join(' ', c.Arguments.Where(a => !a.StartsWith('-') && a != "show"))}"));
    }

    [Fact]
    public async Task An_installed_version_older_than_apts_is_the_one_keyed_as_the_build_uses_it()
    {
        var machine = new FixtureMachine(installed: Archive.Keys) { Candidates = { ["make"] = ("4.3-4.2", "") } };

        var identities = await machine.IdentitiesAsync(["make"]);

        Assert.Equal("make 4.3-4.1", identities["make"]);
    }

    [Fact]
    public async Task A_package_removed_with_its_configuration_left_is_not_installed()
    {
        var machine = new FixtureMachine(installed: []) { ConfigFilesOnly = { "make" } };

        var identities = await machine.IdentitiesAsync(["make"]);

        Assert.Equal("make 4.3-4.1", identities["make"]);
        Assert.Contains("make 4.3-4.1 (not installed: apt's candidate)", string.Join("\n", machine.Log.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_neither_installed_nor_offered_is_one_error_that_says_what_to_do()
    {
        var machine = new FixtureMachine(installed: ["make"]);

        var error = await Assert.ThrowsAsync<BuildException>(() => machine.IdentitiesAsync(["make", "no-such-package"]));

        Assert.Equal("cache key: the package(s) no-such-package that provide the build's tools are neither installed nor offered by apt: " +
            "run apt-get update (or add the archive that has them)", error.Message);
    }

    [Fact]
    public async Task Versions_are_asked_once_per_build_and_again_after_they_are_forgotten()
    {
        var machine = new FixtureMachine(installed: Archive.Keys);
        await machine.IdentitiesAsync(["make"]);
        var asked = machine.Runner.Calls.Count;

        await machine.IdentitiesAsync(["make"]);
        Assert.Equal(asked, machine.Runner.Calls.Count);

        machine.Versions.Clear();
        await machine.IdentitiesAsync(["make"]);
        Assert.True(machine.Runner.Calls.Count > asked);
    }

    [Fact]
    public void A_tool_no_package_is_known_for_is_refused_where_it_is_declared()
    {
        var error = Assert.Throws<ArgumentException>(() => new CacheDeclaration().Tool("no-such-tool"));

        Assert.StartsWith("no Debian package is known for the tool 'no-such-tool': add it to ToolPackages", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CacheDeclaration().Library("no-such-library"));
    }

    [Fact]
    public void Tools_and_libraries_are_declared_by_the_packages_that_provide_them()
    {
        var declaration = new CacheDeclaration().Tool("gcc").Tool("/usr/bin/ld").Library("glib-2.0");

        Assert.Equal([("gcc", "gcc"), ("/usr/bin/ld", "binutils"), ("glib-2.0", "libglib2.0-dev")], declaration.Packages);
    }

    /// <summary>dpkg with <paramref name="installed"/> from <see cref="Archive"/>; apt offering all of <see cref="Archive"/>.</summary>
    sealed class FixtureMachine
    {
        readonly HashSet<string> installed;

        public FixtureMachine(IEnumerable<string> installed)
        {
            this.installed = [.. installed];
            Runner = new ScriptedCommandRunner(new Dictionary<string, Func<CommandSpec, CommandResult>>
            {
                ["dpkg-query"] = DpkgQuery,
                ["apt-cache"] = AptCacheShow,
            });
        }

        public Dictionary<string, (string Version, string Depends)> Candidates { get; } = new(Archive, StringComparer.Ordinal);
        public HashSet<string> ConfigFilesOnly { get; } = [];
        public ScriptedCommandRunner Runner { get; }
        public MemoryBuildLog Log { get; } = new();
        public PackageVersions Versions { get; } = new();

        public Task<IReadOnlyDictionary<string, string>> IdentitiesAsync(IReadOnlyCollection<string> packages) =>
            Versions.IdentitiesAsync(packages, Runner, Log, CancellationToken.None);

        CommandResult DpkgQuery(CommandSpec spec)
        {
            var asked = spec.Arguments.Where(a => !a.StartsWith('-')).ToList();
            var lines = asked.Where(p => installed.Contains(p)).Select(p => $"{p}\tii \t{Archive[p].Version}\t{Archive[p].Depends}")
                .Concat(asked.Where(ConfigFilesOnly.Contains).Select(p => $"{p}\trc \t{Archive[p].Version}\t{Archive[p].Depends}"));
            var unknown = asked.Where(p => !installed.Contains(p) && !ConfigFilesOnly.Contains(p)).ToList();
            return ScriptedCommandRunner.Output(string.Concat(lines.Select(l => l + "\n")), unknown.Count > 0 ? 1 : 0,
                string.Concat(unknown.Select(p => $"dpkg-query: no packages found matching {p}\n")));
        }

        CommandResult AptCacheShow(CommandSpec spec)
        {
            Assert.Equal(["show", "--no-all-versions"], spec.Arguments.Take(2));
            var asked = spec.Arguments.Skip(2).ToList();
            var stanzas = asked.Where(Candidates.ContainsKey)
                .Select(p => $"Package: {p}\nVersion: {Candidates[p].Version}\nInstalled-Size: 1\nDepends: {Candidates[p].Depends}\nDescription: fixture\n multi-line: not a field\n\n");
            var unknown = asked.Where(p => !Candidates.ContainsKey(p)).ToList();
            return ScriptedCommandRunner.Output(string.Concat(stanzas), unknown.Count > 0 ? 100 : 0,
                unknown.Count > 0 ? $"E: No packages found\n" : "");
        }
    }
}
