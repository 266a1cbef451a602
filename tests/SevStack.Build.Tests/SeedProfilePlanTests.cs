using System.Text.Json;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// The seed's profile (amdsev-kata-ubuntu18.04): --plan says per component what it will build from (the source and its
/// entry in sevstack.lock.json's section for the profile) or, in one line, why it cannot; a run of what cannot be built
/// is exit 2 before anything runs.
/// </summary>
public sealed class SeedProfilePlanTests
{
    const string Profile = "amdsev-kata-ubuntu18.04";
    const string SeedQemu = "git+https://github.com/qemu/qemu.git#v3.0.0";
    const string PreMeson = "--qemu-source " + SeedQemu + " is QEMU 3.0.0, which predates meson (QEMU 5.2): " +
        "QEMU's builder configures and builds with meson only; give --qemu-source apt:qemu or a QEMU 5.2 or later source";

    /// <summary>The line under <paramref name="target"/>'s row in --plan's output.</summary>
    static string NoteOf(string plan, string target)
    {
        var lines = plan.Split('\n');
        var row = Array.FindIndex(lines, l => l.Contains($". {target} ", StringComparison.Ordinal));
        Assert.True(row >= 0 && row + 1 < lines.Length, plan);
        Assert.StartsWith("       ", lines[row + 1]);
        return lines[row + 1].Trim();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_plan_lists_each_component_with_its_source_and_lock_entry_or_why_it_cannot_be_built(bool native)
    {
        var (exit, plan) = await BuildProgram.Run(new Dictionary<string, string>(), native,
            "SetupHost", "BuildGuestKernel", "BuildKataQemu", "--profile", Profile, "--plan");

        Assert.True(exit == 0, plan);
        Assert.Equal("kernel: git+https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git#v4.17, not in sevstack.lock.json " +
            $"(no {Profile}/kernel entry): resolved when fetched and recorded there", NoteOf(plan, "FetchKernel"));
        Assert.Equal("guest-kernel: git+https://github.com/AMDESE/linux.git#sev, not in sevstack.lock.json " +
            $"(no {Profile}/guest-kernel entry): resolved when fetched and recorded there", NoteOf(plan, "FetchGuestKernel"));
        Assert.Equal($"qemu: {SeedQemu}, not in sevstack.lock.json (no {Profile}/qemu entry): resolved when fetched and recorded there", NoteOf(plan, "FetchQemu"));
        Assert.Equal("cannot be built: " + PreMeson, NoteOf(plan, "BuildQemu"));
        Assert.Equal("cannot be built: " + PreMeson, NoteOf(plan, "BuildKataQemu"));
        Assert.Equal("ovmf: git+https://github.com/tianocore/edk2.git#edk2-stable201808, not in sevstack.lock.json " +
            $"(no {Profile}/ovmf entry): resolved when fetched and recorded there", NoteOf(plan, "FetchOvmf"));
        Assert.StartsWith("cannot be built: Kata 1.x needs AMD's SEV runtime fork, but AMDESE/runtime (branch sev-v1.1.0) no longer exists upstream; " +
            "point --kata-runtime-source at a mirror of it", NoteOf(plan, "BuildKata"));
    }

    /// <summary>What the plan above says of the lock is what the repository's sevstack.lock.json holds: no entry of this profile.</summary>
    [Fact]
    public void The_repositorys_lock_has_no_section_for_the_seed_profile_yet()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "sevstack.lock.json")));
        var keys = document.RootElement.GetProperty("entries").EnumerateObject().Select(e => e.Name).ToList();

        Assert.Contains("debian/qemu", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith(Profile + "/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lock_entry_of_the_profile_is_what_the_plan_says_the_fetch_makes_and_another_profiles_entry_is_not(bool native)
    {
        using var repository = new TempDirectory("sevstack-seed-plan");
        var commit = new string('4', 40);
        repository.WriteFile("sevstack.lock.json", $$"""
            {
              "version": 1,
              "entries": {
                "{{Profile}}/kernel": { "spec": "git+https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git#v4.17", "kind": "git", "resolved": "{{commit}}" },
                "debian/ovmf": { "spec": "git+https://github.com/tianocore/edk2.git#edk2-stable201808", "kind": "git", "resolved": "{{new string('5', 40)}}" }
              }
            }
            """);

        var (exit, plan) = await BuildProgram.RunIsolated(repository, native, "PackageDebs", "--profile", Profile, "--plan");

        Assert.True(exit == 0, plan);
        Assert.Equal($"kernel: git+https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git#v4.17, pinned by sevstack.lock.json ({Profile}/kernel): git {commit}",
            NoteOf(plan, "FetchKernel"));
        Assert.Equal("ovmf: git+https://github.com/tianocore/edk2.git#edk2-stable201808, not in sevstack.lock.json " +
            $"(no {Profile}/ovmf entry): resolved when fetched and recorded there", NoteOf(plan, "FetchOvmf"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Building_the_seeds_QEMU_is_exit_2_before_anything_runs(bool native)
    {
        using var repository = new TempDirectory("sevstack-seed-qemu");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, "BuildQemu", "--profile", Profile, "--cache-dir", repository.Combine("cache"));

        Assert.Equal(2, exit);
        Assert.Equal("error: Target BuildQemu requires: " + PreMeson, output.Trim());
        Assert.True(KernelConfigParameterTests.NothingRan(repository), output);
    }

    [Fact]
    public async Task A_meson_era_QEMU_given_over_the_profile_is_planned_without_a_refusal()
    {
        var (exit, plan) = await BuildProgram.Run("BuildQemu", "--profile", Profile, "--qemu-source", "apt:qemu", "--plan");

        Assert.True(exit == 0, plan);
        Assert.DoesNotContain("cannot be built", plan);
        Assert.StartsWith("qemu: apt:qemu, not in sevstack.lock.json", NoteOf(plan, "FetchQemu"));
    }
}
