using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Control;

/// <summary>Reads the control paragraph of a built .deb with dpkg-deb.</summary>
public sealed class DebFields(ICommandRunner runner)
{
    /// <summary>The whole control file, exactly as dpkg-deb prints it, without trailing blank lines.</summary>
    public async Task<string> ControlTextAsync(string debPath, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new CommandSpec("dpkg-deb", "--field", debPath) { IsQuery = true }, cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.TrimEnd('\n', '\r', ' ');
    }

    /// <summary>The simple (single-line) fields of the control file by name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SimpleFieldsAsync(string debPath, CancellationToken cancellationToken = default) =>
        ParseSimpleFields(await ControlTextAsync(debPath, cancellationToken).ConfigureAwait(false));

    internal static IReadOnlyDictionary<string, string> ParseSimpleFields(string control)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in control.Split('\n'))
        {
            if (line.Length == 0 || char.IsWhiteSpace(line[0]))
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                fields[line[..colon]] = line[(colon + 1)..].Trim();
        }
        return fields;
    }
}
