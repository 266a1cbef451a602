namespace SevStack.Components.Kernel;

/// <summary>The final <c>.config</c> and every option that was requested and verified in it.</summary>
public sealed record KernelConfigResult(string ConfigPath, IReadOnlyList<KconfigSetting> Requested);
