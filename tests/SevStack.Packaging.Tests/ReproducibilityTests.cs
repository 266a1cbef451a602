using SevStack.Packaging.Inputs;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

public sealed class ReproducibilityTests
{
    [Fact]
    public async Task Two_clean_builds_at_different_times_give_identical_packages()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var first = new TempDirectory("sevstack-repro-a");
        using var second = new TempDirectory("sevstack-repro-b");
        var builder = new DebPackageBuilder(Tools.Runner());

        var a = await builder.BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal), first.Path);
        // A second staging of the same inputs, made later: every file time and the wall clock differ.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await fixture.StageAsync("staging-again", InstallPrefix.UsrLocal);
        Assert.NotEqual(File.GetLastWriteTimeUtc(fixture.Staging() + "/etc/sevstack/hello.conf"),
            File.GetLastWriteTimeUtc(fixture.Staging("staging-again") + "/etc/sevstack/hello.conf"));
        var b = await builder.BuildAsync(StagedTreeFixture.Spec(fixture.Staging("staging-again"), InstallPrefix.UsrLocal), second.Path);

        Assert.Equal(a.File, b.File);
        Assert.Equal(a.Sha256, b.Sha256);
        Assert.Equal(File.ReadAllBytes(first.Combine(a.File)), File.ReadAllBytes(second.Combine(b.File)));
    }
}
