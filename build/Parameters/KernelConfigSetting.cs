using SevStack.Components.Kernel;
using SevStack.Engine;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>--kernel-config: running, defconfig, tinyconfig or file:PATH, and for file:PATH a file that exists, so a typo stops the run before the kernel is fetched.</summary>
public sealed record KernelConfigSetting : IParsable<KernelConfigSetting>
{
    KernelConfigSetting(KernelConfigBase configBase) => Base = configBase;

    public KernelConfigBase Base { get; }

    public static KernelConfigSetting Parse(string s, IFormatProvider? provider)
    {
        KernelConfigBase configBase;
        try
        {
            configBase = KernelConfigBase.Parse(s);
        }
        catch (BuildException)
        {
            throw new FormatException("expects running, defconfig, tinyconfig or file:PATH");
        }
        if (configBase.FilePath is { } file && !File.Exists(file))
            throw new FormatException($"names {file}, which is not a file: give the path of a kernel .config");
        return new KernelConfigSetting(configBase);
    }

    public static bool TryParse(string? s, IFormatProvider? provider, out KernelConfigSetting result) =>
        ParsableText.TryParse(text => Parse(text, provider), s, out result!);

    /// <summary>As the cache key has always read it: running, defconfig, tinyconfig or file:PATH.</summary>
    public override string ToString() => Base.ToString();
}
