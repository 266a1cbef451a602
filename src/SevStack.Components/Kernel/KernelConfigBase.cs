using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

public enum KernelConfigBaseKind
{
    /// <summary><c>/boot/config-$(uname -r)</c> of the running kernel, as the original scripts did.</summary>
    Running,
    /// <summary>The distribution's own config for the fetched kernel (Debian's <c>debian/config</c> merge, or its <c>linux-config-*</c> package).</summary>
    Distribution,
    Defconfig,
    Tinyconfig,
    File,
}

/// <summary>The configuration a kernel build starts from: <c>distribution|running|defconfig|tinyconfig|file:PATH</c>.</summary>
public sealed record KernelConfigBase(KernelConfigBaseKind Kind, string? FilePath = null)
{
    public static KernelConfigBase Running { get; } = new(KernelConfigBaseKind.Running);
    public static KernelConfigBase Distribution { get; } = new(KernelConfigBaseKind.Distribution);
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
            "distribution" => Distribution,
            "defconfig" => Defconfig,
            "tinyconfig" => Tinyconfig,
            _ => throw new BuildException(
                $"Unknown kernel config base '{text}'; use " + Choices + "."),
        };
    }

    public const string Choices = "distribution, running, defconfig, tinyconfig or file:PATH";

    public override string ToString() => Kind switch
    {
        KernelConfigBaseKind.File => "file:" + FilePath,
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
