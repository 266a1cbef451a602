using SevStack.Kata.Release;

namespace SevStack.Kata.Tests.Release;

public class TarballContainmentTests
{
    [Fact]
    public void A_kata_static_layout_is_accepted()
    {
        var entries = new[]
        {
            new TarballEntry("./"),
            new TarballEntry("./opt/"),
            new TarballEntry("./opt/kata/"),
            new TarballEntry("./opt/kata/bin/containerd-shim-kata-v2"),
            new TarballEntry("./opt/kata/share/kata-containers/vmlinuz.container", "vmlinuz-6.12.28-153"),
            new TarballEntry("./opt/kata/share/kata-containers/vmlinux.container", "/opt/kata/share/kata-containers/vmlinux-6.12.28-153"),
            new TarballEntry("opt/kata/bin/kata-runtime-hardlink", "opt/kata/bin/kata-runtime", IsHardLink: true),
        };
        Assert.Empty(TarballContainment.Problems(entries));
    }

    [Theory]
    [InlineData("./etc/resolv.conf", null, false, "./etc/resolv.conf: lands at /etc/resolv.conf, outside /opt/kata")]
    [InlineData("./opt/kata/../../usr/bin/docker", null, false, "./opt/kata/../../usr/bin/docker: lands at /usr/bin/docker, outside /opt/kata")]
    [InlineData("../../escape", null, false, "../../escape: climbs above the root")]
    [InlineData("/usr/local/bin/containerd-shim-kata-v2", null, false, "/usr/local/bin/containerd-shim-kata-v2: lands at /usr/local/bin/containerd-shim-kata-v2, outside /opt/kata")]
    [InlineData("./opt/kata-evil/x", null, false, "./opt/kata-evil/x: lands at /opt/kata-evil/x, outside /opt/kata")]
    [InlineData("./opt/kata/bin/sh", "../../../bin/sh", false, "./opt/kata/bin/sh: links to ../../../bin/sh, which resolves to /bin/sh, outside /opt/kata")]
    [InlineData("./opt/kata/etc", "/etc", false, "./opt/kata/etc: links to /etc, which resolves to /etc, outside /opt/kata")]
    [InlineData("./opt/kata/bin/passwd", "etc/passwd", true, "./opt/kata/bin/passwd: links to etc/passwd, which resolves to /etc/passwd, outside /opt/kata")]
    public void Entries_escaping_opt_kata_are_named(string path, string? link, bool hardLink, string expected) =>
        Assert.Equal([expected], TarballContainment.Problems([new TarballEntry(path, link, hardLink)]));
}
