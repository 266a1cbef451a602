using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Control;

/// <summary>Runs dpkg-shlibdeps on a package's linked ELF files and returns its shlibs:Depends value.</summary>
public sealed class SharedLibraryDepends(ICommandRunner runner)
{
    const string Variable = "shlibs:Depends=";

    public async Task<IReadOnlyList<string>> ComputeAsync(string packageName, IReadOnlyList<string> elfPaths, CancellationToken cancellationToken = default)
    {
        if (elfPaths.Count == 0)
            return [];

        // dpkg-shlibdeps reads debian/control of a source package; a two-paragraph stub is enough.
        var workspace = Directory.CreateTempSubdirectory("sevstack-shlibdeps-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(workspace, "debian"));
            await File.WriteAllTextAsync(Path.Combine(workspace, "debian", "control"),
                $"Source: {packageName}\n\nPackage: {packageName}\nArchitecture: any\n", cancellationToken).ConfigureAwait(false);
            var result = await runner.RunAsync(new CommandSpec("dpkg-shlibdeps", ["-O", .. elfPaths.Select(p => "-e" + p)])
            {
                WorkingDirectory = workspace,
                IsQuery = true,
            }, cancellationToken).ConfigureAwait(false);
            return Parse(result.StandardOutput);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    internal static IReadOnlyList<string> Parse(string output) => output
        .Split('\n')
        .Where(line => line.StartsWith(Variable, StringComparison.Ordinal))
        .SelectMany(line => line[Variable.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .ToList();
}
