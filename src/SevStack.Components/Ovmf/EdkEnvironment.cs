using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Ovmf;

/// <summary>
/// The variables <c>edksetup.sh</c> sets (WORKSPACE, EDK_TOOLS_PATH, CONF_PATH, PATH ...), captured by sourcing it
/// in a bash child and printing only those variables. Its positional parameters are cleared first: edksetup.sh
/// parses <c>$@</c> and silently fails on arguments meant for someone else.
/// </summary>
public sealed class EdkEnvironment(ICommandRunner runner)
{
    static readonly string[] Captured =
        ["WORKSPACE", "EDK_TOOLS_PATH", "EDK_TOOLS_BIN", "CONF_PATH", "PACKAGES_PATH", "PYTHON_COMMAND", "PYTHONPATH", "PATH"];

    public async Task<IReadOnlyDictionary<string, string?>> CaptureAsync(string sourceTree, string searchPath, string pythonCommand, CancellationToken cancellationToken = default)
    {
        if (!runner.IsDryRun)
            ForgetOtherTree(sourceTree);
        var print = string.Join(" ", Captured.Select(v => $"\"{v}=${{{v}-}}\""));
        var script = $"cd \"$0\" && set -- && . ./edksetup.sh >&2 && printf '%s\\n' {print}";
        var result = await runner.RunAsync(new CommandSpec("bash", "-c", script, sourceTree)
        {
            Environment = new Dictionary<string, string?> { ["PATH"] = searchPath, ["PYTHON_COMMAND"] = pythonCommand, ["WORKSPACE"] = null, ["EDK_TOOLS_PATH"] = Path.Combine(Path.GetFullPath(sourceTree), "BaseTools"), ["CONF_PATH"] = null },
        }, cancellationToken).ConfigureAwait(false);

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq > 0 && Captured.Contains(line[..eq]) && line.Length > eq + 1)
                variables[line[..eq]] = line[(eq + 1)..];
        }
        if (!runner.IsDryRun && !variables.ContainsKey("WORKSPACE"))
            throw new BuildException($"Sourcing {Path.Combine(sourceTree, "edksetup.sh")} set no WORKSPACE; check that BaseTools built and the tree is complete.");
        variables.TryAdd("PATH", searchPath);
        variables.TryAdd("PYTHON_COMMAND", pythonCommand);
        return variables;
    }

    /// <summary>
    /// edksetup.sh writes Conf/BuildEnv.sh and sources it again next time; in a tree that was copied or moved it names
    /// the old tree's BaseTools (tools path and PATH), so a build would run another tree's tools. It is regenerated.
    /// </summary>
    static void ForgetOtherTree(string sourceTree)
    {
        var generated = Path.Combine(sourceTree, "Conf", "BuildEnv.sh");
        if (File.Exists(generated) && !File.ReadAllText(generated).Contains(Path.Combine(Path.GetFullPath(sourceTree), "BaseTools") + "\n", StringComparison.Ordinal))
            File.Delete(generated);
    }
}
