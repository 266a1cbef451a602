namespace SevStack.Components.Kernel;

/// <summary>A requested option that <c>make olddefconfig</c> dropped or changed, with what it depends on.</summary>
public sealed record LostKernelOption(KconfigSetting Requested, string? Actual, bool IsDeclared, IReadOnlyList<string> DependsOn)
{
    public string Describe()
    {
        var now = Actual is null ? "unset" : Actual;
        if (!IsDeclared)
            return $"{Requested} (now {now}; not declared in any Kconfig of this source tree)";
        if (Requested.Value == "n")
            return $"{Requested} (now {now}; selected or defaulted on by another option)";
        var depends = DependsOn.Count == 0 ? "no 'depends on' line; look for an enclosing 'if' or menu" : string.Join(" && ", DependsOn.Select(d => DependsOn.Count > 1 ? $"({d})" : d));
        return $"{Requested} (now {now}; depends on {depends})";
    }
}
