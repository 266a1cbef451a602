using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>Kernel configuration that cannot work here is refused before anything runs: exit 2, one line, nothing created.</summary>
public sealed class KernelConfigParameterTests
{
    static readonly string RunningConfig = "/boot/config-" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    public static string EpycServerLsmod => Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Build.Tests", "fixtures", "epyc-server.lsmod.txt");

    static async Task<(int Exit, string Output)> RunRefused(bool native, params string[] args)
    {
        using var repository = new TempDirectory("sevstack-kernel-config");
        var result = await BuildProgram.RunIsolated(repository, native, [.. args, "--cache-dir", repository.Combine("cache")]);
        Assert.True(NothingRan(repository), result.Output);
        return result;
    }

    /// <summary>Only the artifacts folder's lock, which the run takes before it checks the targets' requirements.</summary>
    public static bool NothingRan(TempDirectory repository) =>
        !Directory.Exists(repository.Combine("cache"))
        && (!Directory.Exists(repository.Combine("artifacts")) || Directory.GetFileSystemEntries(repository.Combine("artifacts")).All(e => Path.GetFileName(e) == ".build.lock"));

    [TheoryWhenNoRunningKernelConfig]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Running_without_the_running_kernels_config_is_exit_2_naming_the_alternatives(bool native)
    {
        var (exit, output) = await RunRefused(native, "BuildKernel", "--kernel-config", "running");

        Assert.Equal(2, exit);
        Assert.Equal($"error: Target BuildKernel requires: the running kernel's config {RunningConfig} for --kernel-config running, which does not exist on this machine: " +
            "use --kernel-config distribution, defconfig, tinyconfig or file:PATH", output.Trim());
    }

    /// <summary>Without --kernel-config the guest kernel keeps its base (running); the host kernel's is distribution (next test).</summary>
    [TheoryWhenNoRunningKernelConfig]
    [InlineData(false)]
    public async Task Without_kernel_config_the_guest_kernel_starts_from_the_running_config_as_before(bool native)
    {
        var (exit, output) = await RunRefused(native, "BuildGuestKernel");

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: Target BuildGuestKernel requires: the running kernel's config {RunningConfig} for --kernel-config running", output.Trim());
    }

    /// <summary>No --kernel-config: the host kernel's default base, distribution, is what is refused.</summary>
    [Fact]
    public async Task Distribution_with_a_git_kernel_source_is_exit_2_naming_kernel_config()
    {
        var (exit, output) = await RunRefused(false, "BuildKernel", "--kernel-source", "git+https://example.org/linux.git#v6.1");

        Assert.Equal(2, exit);
        Assert.Equal("error: Target BuildKernel requires: a distribution config for --kernel-config distribution, which --kernel-source git+https://example.org/linux.git#v6.1 " +
            "does not carry (a git or tarball kernel has no debian/config): use --kernel-config file:PATH (e.g. a distribution kernel's /boot/config-*), running, defconfig or tinyconfig",
            output.Trim());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Kernel_modules_must_name_an_lsmod_listing(bool native)
    {
        var missing = await RunRefused(native, "BuildKernel", "--kernel-modules", "/nonexistent/lsmod.txt");
        var notLsmod = await RunRefused(native, "BuildKernel", "--kernel-modules", "/etc/os-release");
        var accepted = await BuildProgram.Run("--plan", "BuildKernel", "--kernel-modules", EpycServerLsmod);

        Assert.Equal((2, "error: Invalid value for --kernel-modules (from the command line): it names /nonexistent/lsmod.txt, which is not a file: give the output of lsmod on the target host (lsmod > modules.txt)"),
            (missing.Exit, missing.Output.Trim()));
        Assert.Equal(2, notLsmod.Exit);
        Assert.StartsWith("error: Invalid value for --kernel-modules (from the command line): it names /etc/os-release, which is not lsmod output: line 1 ", notLsmod.Output.Trim());
        Assert.Single(notLsmod.Output.Trim().Split('\n'));
        Assert.True(accepted.Exit == 0, accepted.Output);
    }

    [Fact]
    public async Task A_checkout_path_the_kernels_make_cannot_take_is_refused_before_anything_runs()
    {
        using var parent = new TempDirectory("sevstack-kbuild");
        var repository = parent.Combine("runner (BuildKernel)");
        Directory.CreateDirectory(Path.Combine(repository, ".nuke"));
        File.WriteAllText(Path.Combine(repository, ".nuke", "parameters.json"), "{}\n");

        var (exit, output) = await BuildProgram.Run("BuildKernel", "--root", repository, "--cache-dir", parent.Combine("cache"), "--kernel-config", "tinyconfig", "--no-color");

        Assert.Equal(2, exit);
        Assert.Contains($"error: Target BuildKernel requires: the kernel is built under {repository}/artifacts/work, whose path has characters the kernel's make cannot take", output);
        Assert.False(Directory.Exists(Path.Combine(repository, "artifacts", "work", "src")), output);
    }
}

/// <summary>A theory for a machine without /boot/config-$(uname -r) (this build machine, containers); skipped where the running kernel has one.</summary>
sealed class TheoryWhenNoRunningKernelConfigAttribute : TheoryAttribute
{
    public TheoryWhenNoRunningKernelConfigAttribute()
    {
        if (File.Exists("/boot/config-" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim()))
            Skip = "the running kernel's /boot/config exists here, so --kernel-config running is not refused";
    }
}
