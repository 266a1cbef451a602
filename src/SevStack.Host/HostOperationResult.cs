namespace SevStack.Host;

/// <summary>What InstallHost or UninstallHost did, and what the operator does next.</summary>
public sealed record HostOperationResult(bool Changed, IReadOnlyList<string> StepsApplied, string NextSteps);
