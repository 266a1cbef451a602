namespace SevStack.Checks.Probes;

/// <summary>How kvm_amd's parameters are set at load time: <c>options kvm_amd ...</c> in /etc/modprobe.d and <c>kvm_amd.x=</c> on the command line.</summary>
public sealed record ModprobeOptions(IReadOnlyList<string> Lines)
{
    public const string Folder = "/etc/modprobe.d";

    public static ModprobeOptions Read(HostFiles files, KernelCommandLine commandLine)
    {
        var lines = new List<string>();
        foreach (var name in files.List(Folder).Where(n => n.EndsWith(".conf", StringComparison.Ordinal)))
        {
            var text = files.ReadText($"{Folder}/{name}") ?? "";
            lines.AddRange(text.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("options ", StringComparison.Ordinal) && (l.Contains(" kvm_amd ") || l.Contains(" kvm-amd ")))
                .Select(l => $"{Folder}/{name}: {l}"));
        }
        lines.AddRange(commandLine.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith("kvm_amd.", StringComparison.Ordinal) || p.StartsWith("kvm-amd.", StringComparison.Ordinal))
            .Select(p => $"/proc/cmdline: {p}"));
        return new ModprobeOptions(lines);
    }

    /// <summary>The lines that turn <paramref name="parameter"/> off (<c>sev=0</c>, <c>sev=N</c>; dashes and underscores alike).</summary>
    public IEnumerable<string> TurningOff(string parameter)
    {
        var names = new[] { parameter, parameter.Replace('_', '-') };
        return Lines.Where(line => names.Any(name =>
            new[] { "0", "N", "n", "off" }.Any(v => line.Contains($" {name}={v}", StringComparison.Ordinal) || line.Contains($".{name}={v}", StringComparison.Ordinal))));
    }
}
