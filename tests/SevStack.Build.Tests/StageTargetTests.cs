using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>The stage targets through the real command line, against fixture roots.</summary>
public class StageTargetTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task CheckHost_on_an_Intel_fixture_fails_and_says_why(bool native)
    {
        using var root = new TempDirectory("sevstack-host");
        root.WriteFile("proc/cpuinfo", File.ReadAllText(SharedData.TestData("host", "cpuinfo-intel-xeon-e5640.txt")));

        using var repository = new TempDirectory("sevstack-repo");
        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "CheckHost", "--host-root", root.Path, "--kernel-log", SharedData.TestData("host", "dmesg-host-sev-init-failed.txt"),
            "--qemu-binary", "/nonexistent/qemu", "--output", "json");

        Assert.Equal(1, exit);
        Assert.Contains("\"id\": \"cpu-vendor\"", output);
        Assert.Contains("CheckHost failed: CheckHost: ", output);
        Assert.True(File.Exists(repository.Combine("artifacts", "reports", "CheckHost.json")));
    }

    [Theory]
    [InlineData(false, "missing")]
    [InlineData(false, "file")]
    [InlineData(true, "missing")]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task CheckHost_with_a_host_root_that_is_no_folder_is_one_line_and_exit_2(bool native, string kind)
    {
        using var temp = new TempDirectory("sevstack-host");
        var hostRoot = kind == "file" ? temp.WriteFile("not-a-folder", "") : temp.Combine("missing");

        using var repository = new TempDirectory("sevstack-repo");
        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "CheckHost", "--host-root", hostRoot);

        Assert.Equal(2, exit);
        Assert.Equal($"error: Target CheckHost requires: --host-root {hostRoot} to be an existing folder (the root of the machine to inspect; omit it for /)", output.Trim());
        Assert.False(Directory.Exists(repository.Combine("artifacts", "reports")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task ConfigureKata_and_ConfigureDocker_write_into_a_sysroot_once(bool native)
    {
        using var root = new TempDirectory("sevstack-sysroot");
        root.WriteFile("usr/share/defaults/kata-containers/configuration.toml", File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.toml")));
        root.WriteFile("etc/docker/daemon.json", File.ReadAllText(SharedData.TestData("docker", "daemon.kata-runtime.json")));
        foreach (var file in new[] { "usr/share/kata-containers/vmlinuz.container", "usr/share/kata-containers/kata-containers.img", "usr/share/ovmf/OVMF.fd", "usr/bin/qemu-lite-system-x86_64", "usr/bin/dockerd", "opt/kata/bin/kata-runtime" })
            root.WriteFile(file, "");
        string[] args = ["ConfigureKata", "ConfigureDocker", "--sysroot", root.Path, "--kata-generation", "1", "--kata-config-output", "full-file",
            "--swiotlb", "262144", "--block-device-driver", "virtio-scsi", "--runtime-name", "sev-runtime", "--kata-firmware", "/usr/share/ovmf/OVMF.fd", "--docker-package", "none", "--replace-default-runtime"];

        using var repository = new TempDirectory("sevstack-repo");
        var first = await BuildProgram.RunIsolated(repository, native, args);
        var configuration = File.ReadAllText(root.Combine("etc", "kata-containers", "configuration.toml"));
        var daemon = File.ReadAllText(root.Combine("etc", "docker", "daemon.json"));
        var second = await BuildProgram.RunIsolated(repository, native, args);

        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("enable_mem_encryption = true", configuration);
        Assert.Contains("swiotlb=262144", configuration);
        Assert.Contains("\"default-runtime\": \"sev-runtime\"", daemon);
        Assert.Equal(File.ReadAllText(SharedData.TestData("docker", "daemon.kata-runtime.json")), File.ReadAllText(root.Combine("var", "lib", "sevstack", "backups", "etc", "docker", "daemon.json")));
        Assert.Equal(0, second.Exit);
        Assert.Contains("// unchanged", second.Output);
        Assert.Equal(configuration, File.ReadAllText(root.Combine("etc", "kata-containers", "configuration.toml")));
        Assert.Equal(daemon, File.ReadAllText(root.Combine("etc", "docker", "daemon.json")));
    }

    [Fact]
    public async Task Image_and_initrd_together_is_one_clear_error()
    {
        using var root = new TempDirectory("sevstack-sysroot");

        using var repository = new TempDirectory("sevstack-repo");
        var (exit, output) = await BuildProgram.RunIsolated(repository, "ConfigureKata", "--sysroot", root.Path, "--kata-image", "/a.img", "--kata-initrd", "/b.initrd");

        // Bad input: refused before anything runs, as every contradictory pair of values is.
        Assert.Equal(2, exit);
        Assert.StartsWith("error: Target ConfigureKata requires: --kata-image and --kata-initrd are both given", output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task FetchQemu_pins_a_git_source_in_the_lock_and_a_moved_branch_is_an_error(bool native)
    {
        Func<string[], Task<(int Exit, string Output)>> run = native ? BuildProgram.RunNative : BuildProgram.Run;
        using var root = new TempDirectory("sevstack-root");
        Directory.CreateDirectory(root.Combine(".nuke"));
        var upstream = root.Combine("upstream");
        var git = new SevStack.Toolkit.Processes.CliWrapCommandRunner(new SevStack.Toolkit.Processes.MemoryBuildLog(), SevStack.Toolkit.Processes.Privilege.Detect());
        async Task Git(params string[] args) => await git.RunAsync(new SevStack.Toolkit.Processes.CommandSpec("git", ["-C", upstream, "-c", "user.name=t", "-c", "user.email=t@example.org", .. args]));
        Directory.CreateDirectory(upstream);
        await Git("init", "-q", "-b", "main");
        root.WriteFile("upstream/configure", "#!/bin/sh\n");
        await Git("add", ".");
        await Git("commit", "-q", "-m", "one");
        string[] args = ["FetchQemu", "--root", root.Path, "--qemu-source", $"git+file://{upstream}#main"];

        var first = await run(args);
        Assert.True(first.Exit == 0, first.Output);
        var lockText = File.ReadAllText(root.Combine("sevstack.lock.json"));
        root.WriteFile("upstream/configure", "#!/bin/sh\necho two\n");
        await Git("commit", "-q", "-am", "two");
        var moved = await run(args);
        var updated = await run([.. args, "--update-lock"]);

        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("\"debian/qemu\"", lockText);
        Assert.True(File.Exists(root.Combine("artifacts", "work", "src", "qemu", "configure")));
        Assert.Equal(1, moved.Exit);
        Assert.Contains("--update-lock", moved.Output);
        Assert.Equal(0, updated.Exit);
        Assert.Contains("echo two", File.ReadAllText(root.Combine("artifacts", "work", "src", "qemu", "configure")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task Parallel_fetches_keep_every_lock_entry(bool native)
    {
        using var sources = new TempDirectory("sevstack-sources");
        string[] components = ["kernel", "qemu", "ovmf"];
        var tar = new SevStack.Toolkit.Processes.CliWrapCommandRunner(new SevStack.Toolkit.Processes.MemoryBuildLog(), SevStack.Toolkit.Processes.Privilege.Detect());
        foreach (var component in components)
        {
            for (var i = 0; i < 200; i++)
                sources.WriteFile($"{component}/{component}-1.0/file{i}.c", $"/* {component} {i} */\n");
            await tar.RunAsync(new SevStack.Toolkit.Processes.CommandSpec("tar", "-czf", sources.Combine($"{component}.tar.gz"), "-C", sources.Combine(component), $"{component}-1.0"));
        }
        string[] args = ["FetchKernel", "FetchQemu", "FetchOvmf", "--allow-old-edk2", "--parallel", "3",
            .. components.SelectMany(c => new[] { $"--{c}-source", $"file://{sources.Combine(c + ".tar.gz")}" })];

        // Each round starts without a lock file, so every fetch adds its entry while the others add theirs.
        for (var round = 0; round < 3; round++)
        {
            using var repository = new TempDirectory("sevstack-repo");
            var (exit, output) = await BuildProgram.RunIsolated(repository, native, args);

            Assert.True(exit == 0, output);
            var lockText = File.ReadAllText(repository.Combine("sevstack.lock.json"));
            foreach (var component in components)
                Assert.Contains($"\"debian/{component}\"", lockText);
        }
    }
}
