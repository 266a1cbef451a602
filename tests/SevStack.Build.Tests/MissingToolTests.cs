using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>A tool that is not installed, as a user meets it: one line naming it and its Debian package.</summary>
public sealed class MissingToolTests
{
    /// <summary>The native program, as the JIT build in this process would find the tool on the test process's PATH.</summary>
    [Fact]
    public async Task Libvirt_xml_without_virt_xml_validate_fails_with_one_line_naming_its_package()
    {
        using var repository = new TempDirectory("sevstack-missing-tool");
        using var emptyPath = new TempDirectory("sevstack-empty-path");
        string[] args = ["LibvirtXml", "--guest-name", "g1", "--guest-disk", "/var/lib/g1.qcow2", "--cbit-position", "51"];

        var (exit, output) = await BuildProgram.RunIsolated(repository, new Dictionary<string, string> { ["PATH"] = emptyPath.Path }, native: true, args);

        Assert.Equal(1, exit);
        var failure = Assert.Single(output.Split('\n'), l => l.StartsWith("LibvirtXml failed: ", StringComparison.Ordinal));
        Assert.Equal("LibvirtXml failed: 'virt-xml-validate' was not found on PATH: install the Debian package libvirt-clients (apt-get install libvirt-clients)", failure);
    }
}
