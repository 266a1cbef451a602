namespace SevStack.Checks.Probes;

/// <summary>The parameters of <c>/proc/cmdline</c>; a later <c>name=value</c> overrides an earlier one, as in the kernel.</summary>
public sealed record KernelCommandLine(string Text)
{
    public static KernelCommandLine Read(HostFiles files) => new((files.ReadText("/proc/cmdline") ?? "").Trim());

    public string? Value(string name) => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(p => p.StartsWith(name + "=", StringComparison.Ordinal))
        .Select(p => p[(name.Length + 1)..])
        .LastOrDefault();
}
