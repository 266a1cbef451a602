using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>build.sh works from any working directory: the repository is found above the program itself, as Nuke finds it from its script's folder.</summary>
public sealed class WorkingDirectoryTests
{
    [Fact]
    public async Task Build_sh_run_from_a_folder_outside_the_repository_finds_the_repository()
    {
        using var elsewhere = new TempDirectory("sevstack-elsewhere");

        var (exit, output) = await BuildProgram.RunBuildScriptIn(elsewhere.Path, "InstallHost", "--plan");

        Assert.True(exit == 0, output);
        Assert.Contains("InstallHost", output);
        Assert.DoesNotContain("No .nuke folder", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere.Path));
    }
}
