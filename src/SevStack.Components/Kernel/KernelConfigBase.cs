using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

public enum KernelConfigBaseKind
{
    /// <summary><c>/boot/config-$(uname -r)</c> of the running kernel, as the original scripts did.</summary>
    Running,
    Defconfig,
    Tinyconfig,
    File,
}

/// <summary>The configuration a kernel build starts from: <c>running|defconfig|tinyconfig|file:PATH</c>.</summary>
public sealed record KernelConfigBase(KernelConfigBaseKind Kind, string? FilePath = null)
{
    public static KernelConfigBase Running { get; } = new(KernelConfigBaseKind.Running);
    public static KernelConfigBase Defconfig { get; } = new(KernelConfigBaseKind.Defconfig);
    public static KernelConfigBase Tinyconfig { get; } = new(KernelConfigBaseKind.Tinyconfig);
    public static KernelConfigBase FromFile(string path) => new(KernelConfigBaseKind.File, path);

    public static KernelConfigBase Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("file:", StringComparison.Ordinal) && value.Length > "file:".Length)
            return FromFile(value["file:".Length..]);
        return value switch
        {
            "running" => Running,
            "defconfig" => Defconfig,
            "tinyconfig" => Tinyconfig,
            _ => throw new BuildException(
                $"Unknown kernel config base '{text}'; use running, defconfig, tinyconfig or file:PATH."),
        };
    }

    public override string ToString() => Kind switch
    {
        KernelConfigBaseKind.File => "file:" + FilePath,
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
