namespace SevStack.Components.Ovmf;

/// <summary>The firmware files of a variant, inside edk2's Build folder.</summary>
/// <param name="Code">Null for AmdSev, which has no CODE/VARS split.</param>
public sealed record OvmfBuildResult(OvmfVariant Variant, string FirmwareDirectory, string ToolchainTag, string? Code, string? Vars, string Combined);
