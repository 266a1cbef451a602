using SevStack.Components.Qemu;
using SevStack.Testing;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Tests.Qemu;

/// <summary><c>-object sev-snp-guest,help</c> as QEMU 10.0 (Debian 13's, built by the snp profile) prints it, and fixtures derived from it.</summary>
public sealed class SnpGuestPropertiesTests
{
    static readonly string Qemu10Help = File.ReadAllText(Path.Combine(Fixture.Root, "qemu-help", "sev-snp-guest-10.0.txt"));

    [Fact]
    public void Qemu_10_lists_every_property_an_snp_launch_sets()
    {
        var properties = QemuObjectProperties.Parse(Qemu10Help);

        Assert.Empty(SnpGuestProperties.Missing(Qemu10Help));
        Assert.Contains("policy", properties);
        Assert.Contains("sev-device", properties);
        Assert.DoesNotContain("sev-snp-guest", properties);
    }

    [Fact]
    public void A_listing_without_the_id_block_properties_names_them()
    {
        var without = string.Join('\n', Qemu10Help.Split('\n').Where(l => !l.TrimStart().StartsWith("id-", StringComparison.Ordinal)));

        Assert.Equal(["id-block", "id-auth"], SnpGuestProperties.Missing(without));
        Assert.Equal(SnpGuestProperties.Required, SnpGuestProperties.Missing("qemu-system-x86_64: -object sev-snp-guest,help: invalid object type"));
    }

    [Fact]
    public async Task The_verifier_records_the_snp_properties_of_a_qemu_10_and_refuses_one_that_lacks_them()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("snp-help.txt"), Qemu10Help);
        File.WriteAllText(temp.Combine("snp-help-short.txt"), string.Join('\n', Qemu10Help.Split('\n').Where(l => !l.Contains("host-data", StringComparison.Ordinal))));
        string Qemu(string name, string help) => Fixture.Script(temp.Combine(name, "qemu-system-x86_64"),
            "#!/bin/sh\ncase \"$1 $2\" in --version*) echo 'QEMU emulator version 10.0.6 (Debian 1:10.0.6+ds-0+deb13u2)';; " +
            $"'-object help') printf 'List of user creatable objects:\\n  sev-guest\\n  sev-snp-guest\\n';; '-object sev-snp-guest,help') cat {temp.Combine(help)};; esac\n");
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());

        var support = await new QemuSevVerifier(runner).VerifyAsync(Qemu("full", "snp-help.txt"));
        var error = await Assert.ThrowsAsync<BuildException>(() => new QemuSevVerifier(runner).VerifyAsync(Qemu("short", "snp-help-short.txt")));

        Assert.Equal(QemuObjectProperties.Parse(Qemu10Help), support.SnpGuestProperties);
        Assert.Equal($"QEMU 10.0.6 at {temp.Combine("short", "qemu-system-x86_64")}: its sev-snp-guest object lacks the SNP properties host-data; " +
            "an SNP launch cannot set them (is this a QEMU fork without SNP?)", error.Message);
    }
}
