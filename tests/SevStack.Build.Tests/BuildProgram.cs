using SevStack.Engine.Hosting;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>Runs the real build program in-process, as <c>./build.sh</c> would, from the repository root.</summary>
internal static class BuildProgram
{
    public static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var environment = new HostEnvironment(output, new Dictionary<string, string>(), SharedData.RepositoryRoot, IsTerminal: false);
        var exit = await BuildHost.RunAsync(new Build(), args, new HostSettings { DefaultProfiles = ["debian"] }, environment, CancellationToken.None);
        return (exit, output.ToString());
    }
}
