using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host.Apt;
using SevStack.Kata.Packages;
using SevStack.Kata.Tests.Support;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Packages;

public class KataPackagesInstallerTests
{
    const string Fingerprint = "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678";
    const string Url = "http://mirror.example.org/home:/katacontainers:/releases:/x86_64:/stable/xUbuntu_18.04";
    const string KeyPath = "/etc/apt/keyrings/kata-containers.asc";
    const string SourcesPath = "/etc/apt/sources.list.d/kata-containers.sources";
    static readonly KataPackageRepository Repository = KataPackageRepository.From(Url + "/", "A1B2 C3D4 E5F6 0718 293A  4B5C 6D7E 8F90 1234 5678");

    static string ColonsFor(string primaryFingerprint) =>
        $"pub:-:2048:1:{primaryFingerprint[^16..]}:1527151186:::-:::scESC::::::23::0:\nfpr:::::::::{primaryFingerprint}:\nuid:-::::1527151186::0::home:katacontainers OBS Project <home:katacontainers@build.opensuse.org>::::::::::0:\n";

    static string DpkgQuery(TempSysroot root) =>
        new CommandSpec("dpkg-query", $"--admindir={root.Map("/var/lib/dpkg")}", "-W", "-f=${Package}\t${Version}\t${db:Status-Abbrev}\n").Describe();

    [Fact]
    public void The_repository_is_flat_signed_by_its_Release_key_and_named_by_Signed_By()
    {
        var source = Repository.Source;

        Assert.Equal(Url, Repository.Url);
        Assert.Equal(Url + "/Release.key", source.KeyUrl);
        Assert.Equal(KeyPath, source.KeyPath);
        Assert.Equal(SourcesPath, source.SourcesPath);
        Assert.Equal($"Types: deb\nURIs: {Url}\nSuites: /\nArchitectures: amd64\nSigned-By: {KeyPath}\n", source.Deb822());
    }

    [Fact]
    public void The_key_is_fetched_and_verified_before_the_source_is_written_and_anything_is_installed()
    {
        var steps = KataPackagesInstaller.Plan(Repository, KataPackagesInstaller.Packages, intoSysroot: true).Select(s => s.Describe()).ToList();

        Assert.Equal(
        [
            $"curl -fsSL {Url}/Release.key -o {KeyPath}",
            $"gpg --show-keys --with-colons {KeyPath}  (primary key must be {Fingerprint})",
            $"chmod a+r {KeyPath}",
            $"write {SourcesPath}:\nTypes: deb\nURIs: {Url}\nSuites: /\nArchitectures: amd64\nSigned-By: {KeyPath}\n",
            "env DEBIAN_FRONTEND=noninteractive apt-get update",
            "env DEBIAN_FRONTEND=noninteractive apt-get install -y kata-runtime kata-proxy kata-shim",
        ], steps);
        Assert.DoesNotContain(steps, s => s.Contains("apt-key", StringComparison.Ordinal) || s.Contains("trusted.gpg", StringComparison.Ordinal));
    }

    [Fact]
    public void On_this_machine_only_the_tools_that_fetch_and_check_the_key_come_before_it()
    {
        var steps = KataPackagesInstaller.Plan(Repository, KataPackagesInstaller.Packages, intoSysroot: false).Select(s => s.Describe()).ToList();

        Assert.Equal("env DEBIAN_FRONTEND=noninteractive apt-get install -y curl gnupg", steps[1]);
        Assert.StartsWith("curl -fsSL", steps[2], StringComparison.Ordinal);
        Assert.StartsWith("gpg --show-keys", steps[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Into_a_sysroot_even_the_ca_certificates_for_an_https_mirror_come_after_the_key_check()
    {
        var https = KataPackageRepository.From("https://mirror.example.org/kata", Fingerprint);

        var steps = KataPackagesInstaller.Plan(https, ["kata-shim"], intoSysroot: true).Select(s => s.Describe()).ToList();

        Assert.StartsWith("curl -fsSL https://mirror.example.org/kata/Release.key", steps[0], StringComparison.Ordinal);
        Assert.StartsWith("gpg --show-keys", steps[1], StringComparison.Ordinal);
        Assert.Equal("env DEBIAN_FRONTEND=noninteractive apt-get install -y ca-certificates", steps[4]);
        Assert.StartsWith($"write {SourcesPath}", steps[5], StringComparison.Ordinal);
        Assert.Equal("env DEBIAN_FRONTEND=noninteractive apt-get install -y kata-shim", steps[^1]);
    }

    [Fact]
    public async Task Only_the_missing_packages_are_installed()
    {
        using var root = new TempSysroot();
        var runner = new RecordingCommandRunner()
            .Answer(DpkgQuery(root), 0, "kata-proxy\t1.12.1-1\tii \nkata-shim\t1.12.1-1\tiU \n")
            .Answer($"gpg --show-keys --with-colons {root.Map(KeyPath)}", 0, ColonsFor(Fingerprint));

        var outcome = await new KataPackagesInstaller(new MemoryBuildLog()).EnsureAsync(Repository, root.Changes(runner: runner));

        Assert.True(outcome.Changed);
        Assert.Contains($"env DEBIAN_FRONTEND=noninteractive chroot {root.Path} apt-get install -y kata-runtime kata-shim", runner.CommandLines);
        Assert.Equal([KeyPath, SourcesPath], root.Record.CreatedFiles);
    }

    [Fact]
    public async Task When_all_three_are_installed_nothing_is_fetched_or_written()
    {
        using var root = new TempSysroot();
        var runner = new RecordingCommandRunner()
            .Answer(DpkgQuery(root), 0, "kata-runtime\t1.12.1-1\tii \nkata-proxy\t1.12.1-1\tii \nkata-shim\t1.12.1-1\tii \n");

        var outcome = await new KataPackagesInstaller(new MemoryBuildLog()).EnsureAsync(Repository, root.Changes(runner: runner));

        Assert.False(outcome.Changed);
        Assert.Equal("already installed (kata-runtime 1.12.1-1, kata-proxy 1.12.1-1, kata-shim 1.12.1-1)", outcome.Note);
        Assert.All(runner.CommandLines, l => Assert.StartsWith("dpkg-query", l, StringComparison.Ordinal));
        Assert.Empty(root.Record.CreatedFiles);
    }

    [Fact]
    public async Task A_wrong_key_stops_before_the_source_is_written_or_anything_installed()
    {
        using var root = new TempSysroot();
        var runner = new RecordingCommandRunner()
            .Answer($"gpg --show-keys --with-colons {root.Map(KeyPath)}", 0, ColonsFor("0123456789ABCDEF0123456789ABCDEF01234567"));

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new KataPackagesInstaller(new MemoryBuildLog()).EnsureAsync(Repository, root.Changes(runner: runner)));

        Assert.Equal($"{root.Map(KeyPath)} has fingerprint 0123456789ABCDEF0123456789ABCDEF01234567, not the expected {Fingerprint}; do not trust it: check the repository URL and where its key comes from", error.Message);
        Assert.False(root.Exists(SourcesPath));
        Assert.DoesNotContain(runner.CommandLines, l => l.Contains("apt-get", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_lists_the_steps_and_changes_nothing()
    {
        using var root = new TempSysroot();
        var runner = new RecordingCommandRunner(isDryRun: true);

        var outcome = await new KataPackagesInstaller(new MemoryBuildLog()).EnsureAsync(Repository, root.Changes(runner: runner));

        Assert.Equal("would install kata-runtime, kata-proxy, kata-shim", outcome.Note);
        Assert.Contains($"curl -fsSL {Url}/Release.key -o {root.Map(KeyPath)}", runner.CommandLines);
        Assert.Contains($"env DEBIAN_FRONTEND=noninteractive chroot {root.Path} apt-get install -y kata-runtime kata-proxy kata-shim", runner.CommandLines);
        Assert.False(root.Exists(SourcesPath));
        Assert.False(root.Exists(KeyPath));
        Assert.Empty(root.Record.CreatedFiles);
    }

    [Theory]
    [InlineData("mirror.example.org/kata", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", "--kata-apt-repository mirror.example.org/kata: expects the http://, https:// or file:// URL")]
    [InlineData("ftp://mirror.example.org/kata", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", "--kata-apt-repository ftp://mirror.example.org/kata: expects")]
    [InlineData(Url, "8F9012345678", "--kata-apt-key-fingerprint 8F9012345678: expects the hex digits of an OpenPGP key fingerprint")]
    [InlineData(Url, "G1B2C3D4E5F60718293A4B5C6D7E8F9012345678", "--kata-apt-key-fingerprint G1B2")]
    public void A_malformed_flag_is_refused_with_one_line_naming_it(string url, string fingerprint, string expected)
    {
        var error = Assert.Throws<BuildException>(() => KataPackageRepository.From(url, fingerprint));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Both_flags_are_needed_and_the_error_says_where_the_packages_came_from()
    {
        Assert.False(KataPackageRepository.IsGiven(Url, null));
        Assert.False(KataPackageRepository.IsGiven(null, Fingerprint));
        Assert.False(KataPackageRepository.IsGiven(" ", Fingerprint));
        Assert.True(KataPackageRepository.IsGiven(Url, Fingerprint));
        Assert.Contains("openSUSE OBS repository home:katacontainers:releases is gone since 2020", KataPackageRepository.Missing, StringComparison.Ordinal);
        Assert.Contains("--kata-apt-repository", KataPackageRepository.Missing, StringComparison.Ordinal);
        Assert.Contains("--kata-apt-key-fingerprint", KataPackageRepository.Missing, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', KataPackageRepository.Missing);
    }

    [Fact]
    public void A_fingerprint_is_well_formed_with_40_or_64_hex_digits()
    {
        Assert.True(GpgKeyFingerprint.IsWellFormed("a1b2 c3d4 e5f6 0718 293a  4b5c 6d7e 8f90 1234 5678"));
        Assert.True(GpgKeyFingerprint.IsWellFormed(new string('A', 64)));
        Assert.False(GpgKeyFingerprint.IsWellFormed(new string('A', 41)));
    }
}
