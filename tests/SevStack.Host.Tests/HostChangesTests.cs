using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

/// <summary>The file side of the host-change abstraction on a small folder root, as root and through sudo.</summary>
public sealed class HostChangesTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Files_are_backed_up_once_recorded_rolled_back_and_restored(bool isRoot)
    {
        using var root = new TempDirectory("sevstack-host-changes");
        root.WriteFile("etc/default/grub", "GRUB_DEFAULT=0\n");
        Directory.CreateDirectory(root.Combine("var/lib"));
        var passThroughSudo = root.WriteFile("../" + Path.GetFileName(root.Path) + "-sudo", "#!/bin/sh\n[ \"$1\" = -n ] && shift\n[ \"$1\" = -- ] && shift\nexec \"$@\"\n");
        File.SetUnixFileMode(passThroughSudo, (UnixFileMode)0b111_101_101);
        try
        {
            var privilege = new Privilege(isRoot);
            var log = new MemoryBuildLog();
            ICommandRunner runner = new FakeSudoRunner(new CliWrapCommandRunner(log, privilege), privilege, passThroughSudo);
            var record = new HostChangeRecord();
            var changes = new HostChanges(new TargetRoot(root.Path), runner, new FileWriter(log), privilege, log, record);

            Assert.True(await changes.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=saved\n"));
            Assert.True(await changes.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=1\n"));
            Assert.False(await changes.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=1\n"));
            Assert.True(await changes.WriteAsync("/etc/modprobe.d/sevstack-kvm.conf", "options kvm_amd sev=1\n"));

            Assert.Equal("GRUB_DEFAULT=0\n", File.ReadAllText(root.Combine("var/lib/sevstack/backups/etc/default/grub")));
            Assert.Equal([new BackedUpFile("/etc/default/grub", "/var/lib/sevstack/backups/etc/default/grub", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("GRUB_DEFAULT=0\n"u8)))], record.ChangedFiles);
            Assert.Equal(["/etc/modprobe.d/sevstack-kvm.conf"], record.CreatedFiles);
            Assert.Equal(["/var/lib/sevstack", "/var/lib/sevstack/backups", "/var/lib/sevstack/backups/etc", "/var/lib/sevstack/backups/etc/default", "/etc/modprobe.d"],
                record.CreatedDirectories);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                File.GetUnixFileMode(root.Combine("etc/modprobe.d/sevstack-kvm.conf")));

            await changes.RestoreEverythingAsync();

            Assert.Equal("GRUB_DEFAULT=0\n", File.ReadAllText(root.Combine("etc/default/grub")));
            Assert.False(Directory.Exists(root.Combine("etc/modprobe.d")));
            Assert.False(Directory.Exists(root.Combine("var/lib/sevstack")));
            var commands = log.Lines.Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).ToList();
            if (isRoot)
                Assert.Empty(commands);
            else
            {
                Assert.Contains(commands, c => c.StartsWith($"$ {passThroughSudo} -n -- install -m 644 -- ", StringComparison.Ordinal));
                Assert.All(commands, c => Assert.StartsWith($"$ {passThroughSudo} -n -- ", c));
            }
        }
        finally
        {
            File.Delete(passThroughSudo);
        }
    }

    [Fact]
    public async Task Rollback_undoes_only_this_run()
    {
        using var root = new TempDirectory("sevstack-host-rollback");
        root.WriteFile("etc/default/grub", "GRUB_DEFAULT=0\n");
        Directory.CreateDirectory(root.Combine("var/lib"));
        var privilege = new Privilege(IsRoot: true);
        var log = new MemoryBuildLog();
        var runner = new CliWrapCommandRunner(log, privilege);
        var record = new HostChangeRecord();
        var first = new HostChanges(new TargetRoot(root.Path), runner, new FileWriter(log), privilege, log, record);
        await first.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=saved\n");

        var second = new HostChanges(new TargetRoot(root.Path), runner, new FileWriter(log), privilege, log, record);
        await second.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=2\n");
        await second.WriteAsync("/etc/default/grub.d/sevstack.cfg", "X=1\n");
        await second.RollBackThisRunAsync();

        Assert.Equal("GRUB_DEFAULT=saved\n", File.ReadAllText(root.Combine("etc/default/grub")));
        Assert.False(Directory.Exists(root.Combine("etc/default/grub.d")));
        Assert.Equal("GRUB_DEFAULT=0\n", File.ReadAllText(root.Combine("var/lib/sevstack/backups/etc/default/grub")));
        Assert.Single(record.ChangedFiles);
        Assert.Empty(record.CreatedFiles);
        Assert.DoesNotContain("/etc/default/grub.d", record.CreatedDirectories);
    }
}
