using SevStack.Engine.Processes;

namespace SevStack.Checks.Launch;

/// <summary>The QEMU command for a guest, the VARS copy it needs first, and notes that explain its choices.</summary>
public sealed record LaunchPlan(CommandSpec Command, string? VarsTemplate, string? VarsCopy, IReadOnlyList<string> Notes)
{
    /// <summary>The command as a shell line (what <c>--print</c> shows).</summary>
    public string CommandLine => Command.Describe();
}
