namespace SevStack.Components.Kernel;

/// <summary>The final <c>.config</c>, every option that was requested and verified in it, and what of <see cref="BootCriticalOptions"/> it lacks (host flavour).</summary>
public sealed record KernelConfigResult(string ConfigPath, IReadOnlyList<KconfigSetting> Requested)
{
    public IReadOnlyList<BootRequirement> MissingForBoot { get; init; } = [];
}
