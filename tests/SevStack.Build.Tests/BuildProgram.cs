using SevStack.Engine.Hosting;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>Runs the real build program in-process, as <c>./build.sh</c> would.</summary>
internal static class BuildProgram
{
    /// <summary>
    /// Runs targets with a temporary repository root (this repository's .nuke/ copied into it), so their artifacts and the
    /// artifacts-folder lock never meet those of the build running the tests (<c>./build.sh Test</c> holds that lock).
    /// </summary>
    public static Task<(int Exit, string Output)> RunIsolated(TempDirectory root, params string[] args)
    {
        var nuke = Path.Combine(SharedData.RepositoryRoot, ".nuke");
        Directory.CreateDirectory(root.Combine(".nuke"));
        foreach (var file in Directory.GetFiles(nuke, "*.json"))
            File.Copy(file, root.Combine(".nuke", Path.GetFileName(file)), overwrite: true);
        return Run([.. args, "--root", root.Path]);
    }

    /// <summary>Runs from the repository root: only for --help and --plan, which take no lock and write no artifacts.</summary>
    public static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var environment = new HostEnvironment(output, new Dictionary<string, string>(), SharedData.RepositoryRoot, IsTerminal: false);
        var exit = await BuildHost.RunAsync(new Build(), args, new HostSettings { DefaultProfiles = ["debian"] }, environment, CancellationToken.None);
        return (exit, output.ToString());
    }
}
