using SevStack.Components.Kernel;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>--kernel-config: distribution, running, defconfig, tinyconfig or file:PATH, and for file:PATH a file that exists, so a typo stops the run before the kernel is fetched.</summary>
public sealed record KernelConfigSetting : ParameterText<KernelConfigSetting>, IParsable<KernelConfigSetting>
{
    /// <summary>Its text is as the cache key has always read it: distribution, running, defconfig, tinyconfig or file:PATH.</summary>
    KernelConfigSetting(KernelConfigBase configBase) : base(configBase.ToString()) => Base = configBase;

    public KernelConfigBase Base { get; }

    public static KernelConfigSetting Parse(string s, IFormatProvider? provider)
    {
        var configBase = ParsableText.Translating(() => KernelConfigBase.Parse(s), _ => "expects " + KernelConfigBase.Choices);
        if (configBase.FilePath is { } file && !File.Exists(file))
            throw new FormatException($"names {file}, which is not a file: give the path of a kernel .config");
        return new KernelConfigSetting(configBase);
    }
}
