using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E.Docker;

/// <summary>An image imported from a folder holding this machine's static busybox (and its dmesg applet): nothing is pulled.</summary>
public static class BusyboxImage
{
    public static async Task ImportAsync(DockerDaemons daemons, TempDirectory work, string image)
    {
        var bin = work.Combine("image", "bin");
        Directory.CreateDirectory(bin);
        File.Copy("/bin/busybox", Path.Combine(bin, "busybox"), overwrite: true);
        if (!File.Exists(Path.Combine(bin, "dmesg")))
            File.CreateSymbolicLink(Path.Combine(bin, "dmesg"), "busybox");
        var tar = work.Combine("image.tar");
        var packed = await new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect())
            .RunAsync(new CommandSpec("tar", "-C", work.Combine("image"), "-cf", tar, "."));
        Assert.True(packed.Succeeded);
        var imported = await daemons.DockerAsync("import", tar, image);
        Assert.True(imported.Succeeded, imported.StandardError);
    }
}
