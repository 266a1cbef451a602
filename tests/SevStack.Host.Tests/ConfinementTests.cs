using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

/// <summary>
/// Whatever state.json, symbolic links or paths say, nothing outside the root is written, replaced, deleted or read
/// into it. Each test keeps a file and a folder outside the root and proves by hash that they are untouched.
/// </summary>
public sealed class ConfinementTests : IDisposable
{
    const string VictimContent = "outside the root: never touch\n";
    readonly TempDirectory outside = new("sevstack-outside");
    readonly TempDirectory root = new("sevstack-confined-root");

    public ConfinementTests()
    {
        outside.WriteFile("victim", VictimContent);
        outside.WriteFile("d/keep", VictimContent);
        outside.WriteFile("secret", "outside secret\n");
        Directory.CreateDirectory(root.Combine("var/lib"));
        Directory.CreateDirectory(root.Combine("etc"));
    }

    public void Dispose()
    {
        root.Dispose();
        outside.Dispose();
    }

    /// <summary>From the root, the relative path that climbs to the outside folder.</summary>
    string Climb(int depth) => string.Concat(Enumerable.Repeat("../", depth + 12)) + outside.Path.TrimStart('/');

    RootSnapshot Outside() => RootSnapshot.Take(outside.Path);

    HostChanges Changes(HostChangeRecord record, MemoryBuildLog log, Privilege? privilege = null, string? sudo = null)
    {
        privilege ??= new Privilege(IsRoot: true);
        ICommandRunner runner = new CliWrapCommandRunner(log, privilege);
        if (sudo is not null) runner = new FakeSudoRunner(runner, privilege, sudo);
        return new HostChanges(new TargetRoot(root.Path), runner, new FileWriter(log), privilege, log, record);
    }

    public static TheoryData<string, string> CraftedRecords => new()
    {
        { """{"createdFiles": ["/../outside/victim"]}""", "createdFiles[0]" },
        { """{"createdFiles": ["/etc/../../outside/x"]}""", "createdFiles[0]" },
        { """{"createdFiles": ["etc/relative"]}""", "createdFiles[0]" },
        { """{"createdFiles": ["/etc/new\nline"]}""", "createdFiles[0]" },
        { """{"createdFiles": ["/"]}""", "createdFiles[0]" },
        { """{"createdDirectories": ["/../outside/d"]}""", "createdDirectories[0]" },
        { """{"changedFiles": [{"path": "/etc/x", "backupPath": "/var/lib/sevstack/backups/../../../../../outside/secret"}]}""", "changedFiles[0].backupPath" },
        { """{"changedFiles": [{"path": "/etc/x", "backupPath": "/etc/shadow"}]}""", "changedFiles[0].backupPath" },
        { """{"changedFiles": [{"path": "/etc/./x", "backupPath": "/var/lib/sevstack/backups/etc/./x"}]}""", "changedFiles[0].path" },
        { """{"changedFiles": [{"path": "/etc/x", "backupPath": "/var/lib/sevstack/backups/etc/x", "sha256": "nothex"}]}""", "changedFiles[0].sha256" },
        { """{"keptDirectories": [{"path": "/opt//x", "mode": "755"}]}""", "keptDirectories[0].path" },
        { """{"keptDirectories": [{"path": "/opt", "mode": "755; rm -rf /"}]}""", "keptDirectories[0].mode" },
        { """{"installedPackages": [{"name": "-oDpkg::Pre-Invoke=x", "version": "1"}]}""", "installedPackages[0].name" },
        { """{"installedPackages": [{"name": "hello", "version": "1 --force-all"}]}""", "installedPackages[0].version" },
        { """{"preexistingPackages": ["Hello World"]}""", "preexistingPackages[0]" },
        { """{"createdFiles": null}""", "a list of the state file is null" },
        { """{"createdLinks": ["/usr/local/bin/../../../outside/x"]}""", "createdLinks[0]" },
    };

    [Theory]
    [MemberData(nameof(CraftedRecords))]
    public async Task A_crafted_state_file_stops_UninstallHost_with_one_line_naming_the_record_before_anything_changes(string state, string named)
    {
        var statePath = root.WriteFile("var/lib/sevstack/state.json", state);
        root.WriteFile("etc/x", "inside\n");
        var outsideBefore = Outside();
        var rootBefore = RootSnapshot.Take(root.Path);

        var error = await Assert.ThrowsAsync<BuildException>(() => new HostHarness(root.Path).Uninstaller().UninstallAsync());

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith(statePath + ": ", error.Message);
        Assert.Contains(named, error.Message);
        Assert.Empty(Outside().Differences(outsideBefore));
        Assert.Empty(RootSnapshot.Take(root.Path).Differences(rootBefore));
    }

    public static TheoryData<string, bool> LinkedFolders => new()
    {
        { "/etc/docker", true }, { "/etc/docker", false },
        { "/etc/kata-containers", true },
        { "/opt/kata/share/defaults/kata-containers/config.d", false },
        { "/etc/default/grub.d", true },
        { "/etc/modprobe.d", false },
        { "/var/lib/sevstack", true }, { "/var/lib/sevstack", false },
    };

    /// <summary>A folder of the root that is a symbolic link out of it (absolute, or relative climbing past the root) is taken inside the root, as after chroot.</summary>
    [Theory]
    [MemberData(nameof(LinkedFolders))]
    public async Task A_folder_linked_out_of_the_root_is_resolved_inside_it_for_writes_backups_rollback_and_restore(string folder, bool absoluteLink)
    {
        var link = root.Combine(folder.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        var depth = folder.Count(c => c == '/') - 1;
        File.CreateSymbolicLink(link, absoluteLink ? outside.Path : Climb(depth));
        var outsideBefore = Outside();
        var log = new MemoryBuildLog();
        var record = new HostChangeRecord();
        var changes = Changes(record, log);

        Assert.True(await changes.WriteAsync(folder + "/victim", "written by SevStack\n"));
        await HostStateStore.SaveAsync(changes);

        var landed = root.Combine(outside.Path.TrimStart('/'), "victim");
        Assert.Equal("written by SevStack\n", File.ReadAllText(landed));
        Assert.Contains(folder + "/victim", record.CreatedFiles);
        Assert.True(File.Exists(root.Combine("var/lib/sevstack/state.json")) || folder == "/var/lib/sevstack");
        Assert.Empty(Outside().Differences(outsideBefore));

        await Changes(HostStateStore.Load(new TargetRoot(root.Path))!, log).RestoreEverythingAsync();

        Assert.False(File.Exists(landed));
        Assert.Equal(VictimContent, File.ReadAllText(outside.Combine("victim")));
        Assert.Empty(Outside().Differences(outsideBefore));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_linked_out_of_the_root_is_edited_inside_the_root_and_stays_a_link(bool absoluteLink)
    {
        var inRoot = root.WriteFile(outside.Path.TrimStart('/') + "/daemon.json", "{ \"inside\": true }\n");
        Directory.CreateDirectory(root.Combine("etc/docker"));
        var link = root.Combine("etc/docker/daemon.json");
        File.CreateSymbolicLink(link, absoluteLink ? outside.Path + "/daemon.json" : Climb(2) + "/daemon.json");
        outside.WriteFile("daemon.json", "{ \"outside\": true }\n");
        var outsideBefore = Outside();
        var log = new MemoryBuildLog();
        var record = new HostChangeRecord();
        var changes = Changes(record, log);

        Assert.Equal("{ \"inside\": true }\n", changes.ReadText("/etc/docker/daemon.json"));
        Assert.True(await changes.WriteAsync("/etc/docker/daemon.json", "{ \"merged\": true }\n"));

        Assert.Equal("{ \"inside\": true }\n", File.ReadAllText(root.Combine("var/lib/sevstack/backups/etc/docker/daemon.json")));
        Assert.Equal("{ \"merged\": true }\n", File.ReadAllText(inRoot));
        Assert.Empty(Outside().Differences(outsideBefore));

        await changes.RestoreEverythingAsync();

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("{ \"inside\": true }\n", File.ReadAllText(inRoot));
        Assert.Empty(Outside().Differences(outsideBefore));
    }

    [Fact]
    public async Task A_recorded_path_through_a_link_out_of_the_root_deletes_only_inside_it()
    {
        File.CreateSymbolicLink(root.Combine("srv"), outside.Path);
        root.WriteFile(outside.Path.TrimStart('/') + "/victim", "created by SevStack\n");
        var record = new HostChangeRecord { CreatedFiles = ["/srv/victim"], CreatedDirectories = ["/srv/d"] };
        var outsideBefore = Outside();

        await Changes(record, new MemoryBuildLog()).RestoreEverythingAsync();

        Assert.False(File.Exists(root.Combine(outside.Path.TrimStart('/'), "victim")));
        Assert.Empty(Outside().Differences(outsideBefore));
    }

    [Fact]
    public async Task A_link_SevStack_created_is_removed_itself_by_rollback_and_uninstall_never_what_it_points_to()
    {
        var shim = root.WriteFile("opt/kata/bin/shim", "#!/bin/sh\n");
        var record = new HostChangeRecord();
        var changes = Changes(record, new MemoryBuildLog());

        Assert.True(await changes.CreateSymbolicLinkAsync("/usr/local/bin/shim", "/opt/kata/bin/shim"));
        Assert.False(await changes.CreateSymbolicLinkAsync("/usr/local/bin/shim", "/opt/kata/bin/shim"));
        Assert.Equal("/opt/kata/bin/shim", new FileInfo(root.Combine("usr/local/bin/shim")).LinkTarget);
        await changes.RollBackThisRunAsync();
        Assert.False(File.Exists(root.Combine("usr/local/bin/shim")) || new FileInfo(root.Combine("usr/local/bin/shim")).LinkTarget is not null);
        Assert.Empty(record.CreatedLinks);

        var later = Changes(record, new MemoryBuildLog());
        await later.CreateSymbolicLinkAsync("/usr/local/bin/shim", "/opt/kata/bin/shim");
        await later.RestoreEverythingAsync();
        Assert.Null(new FileInfo(root.Combine("usr/local/bin/shim")).LinkTarget);
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(shim));
        Assert.False(Directory.Exists(root.Combine("usr/local")));

        root.WriteFile("usr/local/bin/shim", "someone else's\n");
        var error = await Assert.ThrowsAsync<BuildException>(() => Changes(record, new MemoryBuildLog()).CreateSymbolicLinkAsync("/usr/local/bin/shim", "/opt/kata/bin/shim"));
        Assert.StartsWith($"{root.Path}/usr/local/bin/shim already exists and is not a link to /opt/kata/bin/shim", error.Message);
        Assert.Equal("someone else's\n", File.ReadAllText(root.Combine("usr/local/bin/shim")));
    }

    [Fact]
    public async Task A_changed_backup_stops_UninstallHost_before_anything_is_restored()
    {
        root.WriteFile("etc/x", "original\n");
        var record = new HostChangeRecord();
        var changes = Changes(record, new MemoryBuildLog());
        await changes.WriteAsync("/etc/x", "changed\n");
        await HostStateStore.SaveAsync(changes);
        root.WriteFile("var/lib/sevstack/backups/etc/x", "tampered\n");
        var before = RootSnapshot.Take(root.Path);

        var error = await Assert.ThrowsAsync<BuildException>(() => new HostHarness(root.Path).Uninstaller().UninstallAsync());

        Assert.StartsWith($"the backup {root.Path}/var/lib/sevstack/backups/etc/x of /etc/x has SHA-256 ", error.Message);
        Assert.Empty(RootSnapshot.Take(root.Path).Differences(before));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Owner_group_and_mode_of_an_edited_file_survive_the_edit_the_rollback_and_the_restore(bool isRoot)
    {
        var file = root.WriteFile("etc/default/grub", "GRUB_DEFAULT=0\n");
        Shell.Run("chown", "1234:2345", file);
        File.SetUnixFileMode(file, (UnixFileMode)0b110_100_000);
        var original = UnixFileStatus.Read(file)!;
        var sudo = root.WriteFile("../" + Path.GetFileName(root.Path) + "-sudo", "#!/bin/sh\n[ \"$1\" = -n ] && shift\n[ \"$1\" = -- ] && shift\nexec \"$@\"\n");
        File.SetUnixFileMode(sudo, (UnixFileMode)0b111_101_101);
        try
        {
            var record = new HostChangeRecord();
            var changes = Changes(record, new MemoryBuildLog(), new Privilege(isRoot), sudo);

            await changes.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=saved\n");
            Assert.Equal(original, UnixFileStatus.Read(file));
            Assert.Equal(original, UnixFileStatus.Read(root.Combine("var/lib/sevstack/backups/etc/default/grub")));

            await changes.RollBackThisRunAsync();
            Assert.Equal("GRUB_DEFAULT=0\n", File.ReadAllText(file));
            Assert.Equal(original, UnixFileStatus.Read(file));

            await changes.WriteAsync("/etc/default/grub", "GRUB_DEFAULT=1\n");
            Shell.Run("chown", "0:0", file);
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
            await changes.RestoreEverythingAsync();
            Assert.Equal("GRUB_DEFAULT=0\n", File.ReadAllText(file));
            Assert.Equal(original, UnixFileStatus.Read(file));
        }
        finally
        {
            File.Delete(sudo);
        }
    }

    [Fact]
    public void Paths_with_dot_parts_or_relative_are_one_line_errors()
    {
        var target = new TargetRoot(root.Path);
        foreach (var bad in new[] { "etc/x", "/etc/../x", "/etc/./x", "/etc//x", "/etc/x/", "/etc/\nx", "" })
        {
            var error = Assert.Throws<BuildException>(() => target.Map(bad));
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Fact]
    public void A_link_loop_is_one_line_error()
    {
        File.CreateSymbolicLink(root.Combine("etc/a"), "/etc/b");
        File.CreateSymbolicLink(root.Combine("etc/b"), "a");
        var error = Assert.Throws<BuildException>(() => new TargetRoot(root.Path).Map("/etc/a/x"));
        Assert.Contains("more than 40 symbolic links", error.Message);
    }
}
