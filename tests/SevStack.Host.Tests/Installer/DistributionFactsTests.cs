using SevStack.Host.Dependencies;
using SevStack.Host.Distributions;
using SevStack.Toolkit;

namespace SevStack.Host.Tests.Installer;

/// <summary>The release tables, the fallback for releases not in them, and the Debian version order the dependency check uses.</summary>
public sealed class DistributionFactsTests
{
    [Theory]
    [InlineData("ID=debian\nVERSION_ID=\"11\"\n", "debian 11 (bullseye)")]
    [InlineData("ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"18.04\"\n", "ubuntu 18.04 (bionic)")]
    [InlineData("ID=debian\nVERSION_ID=\"14\"\n", "debian 13 (trixie)")]
    [InlineData("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\nVERSION_ID=\"22\"\n", "ubuntu 24.04 (noble)")]
    [InlineData("ID=raspbian\nID_LIKE=debian\nVERSION_ID=\"12\"\n", "debian 13 (trixie)")]
    public void A_release_gets_its_own_row_or_the_newest_of_its_family(string osRelease, string row) =>
        Assert.Equal(row, KnownReleases.For(OsRelease.Parse(osRelease))?.ToString());

    [Fact]
    public void A_distribution_outside_the_debian_family_has_no_row() =>
        Assert.Null(KnownReleases.For(OsRelease.Parse("ID=fedora\nVERSION_ID=40\n")));

    [Fact]
    public void Every_release_has_one_row_and_deb822_sources_only_where_the_release_writes_its_own_that_way()
    {
        Assert.Equal(7, KnownReleases.All.Select(r => (r.Id, r.VersionId)).Distinct().Count());
        Assert.Equal(["debian 13", "ubuntu 24.04"], KnownReleases.All.Where(r => r.SourceFormat == AptSourceFormat.Deb822Sources).Select(r => $"{r.Id} {r.VersionId}"));
        Assert.Equal("libssl3t64", DebianReleases.All.Single(r => r.VersionId == "13").Libraries[LibraryNames.OpenSsl]);
        Assert.False(UbuntuReleases.All.Single(r => r.VersionId == "18.04").Libraries.ContainsKey(LibraryNames.IoUring));
    }

    [Theory]
    [InlineData("2.31-13+deb11u5", ">=", "2.31", true)]
    [InlineData("2.31-13+deb11u5", ">=", "2.34", false)]
    [InlineData("1.0~rc1", "<<", "1.0", true)]
    [InlineData("1:0.9", ">>", "2.0", true)]
    [InlineData("2.27-3ubuntu1.6", ">>", "2.27-3ubuntu1", true)]
    [InlineData("1.0a", ">>", "1.0", true)]
    [InlineData("1.0+b1", ">>", "1.0", true)]
    [InlineData("1.0.0", "=", "1.0.00", true)]
    [InlineData("6.8.0-49.49", "<=", "6.8.0-49.49", true)]
    public void Versions_compare_as_dpkg_compares_them(string version, string relation, string bound, bool satisfied) =>
        Assert.Equal(satisfied, DebianVersionOrder.Instance.Satisfies(version, relation, bound));

    [Fact]
    public void Depends_fields_parse_into_clauses_of_alternatives()
    {
        var clauses = DependencyClause.Parse("libc6 (>= 2.34), libfdt1 | libfdt-tiny, python3:any (>= 3.9~) [amd64] <!nocheck>", "sevstack-qemu");
        Assert.Equal(["libc6 (>= 2.34)", "libfdt1 | libfdt-tiny", "python3:any (>= 3.9~) [amd64] <!nocheck>"], clauses.Select(c => c.Text));
        Assert.Equal([new Dependency("libc6", ">=", "2.34")], clauses[0].Alternatives);
        Assert.Equal([new Dependency("libfdt1", null, null), new Dependency("libfdt-tiny", null, null)], clauses[1].Alternatives);
        Assert.Equal([new Dependency("python3", ">=", "3.9~")], clauses[2].Alternatives);
    }

    [Fact]
    public void A_malformed_depends_entry_is_one_line_naming_the_package() =>
        Assert.Equal("the package sevstack-qemu has a Depends entry 'libc6 (>= 2.34' that is not a Debian dependency; rebuild it with PackageDebs",
            Assert.Throws<BuildException>(() => DependencyClause.Parse("libc6 (>= 2.34", "sevstack-qemu")).Message);
}
