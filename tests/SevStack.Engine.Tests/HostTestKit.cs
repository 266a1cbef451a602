using SevStack.Engine.Hosting;
using SevStack.Testing;

namespace SevStack.Engine.Tests;

/// <summary>Runs a build through the real host in a temporary repository with a .nuke folder.</summary>
internal sealed class HostTestKit : IDisposable
{
    public TempDirectory Root { get; } = new("sevstack-host");

    public HostTestKit() => Directory.CreateDirectory(Root.Combine(".nuke"));

    public Dictionary<string, string> Environment { get; } = [];

    public async Task<(int ExitCode, string Output, T Build)> RunAsync<T>(params string[] args) where T : BuildBase, new()
    {
        var build = new T();
        using var output = new StringWriter();
        var environment = new HostEnvironment(output, Environment, Root.Path, IsTerminal: false);
        var exit = await BuildHost.RunAsync(build, args, new HostSettings(), environment, CancellationToken.None);
        return (exit, output.ToString(), build);
    }

    public void Dispose() => Root.Dispose();
}
