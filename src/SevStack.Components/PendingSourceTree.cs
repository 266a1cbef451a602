using SevStack.Toolkit.Processes;

namespace SevStack.Components;

/// <summary>
/// In a dry run the fetch only prints what it would extract, so a builder may be pointed at a tree that is not there yet:
/// the builder then prints the commands it would run in that tree, and the checks of the tree's content wait for the real run.
/// </summary>
public static class PendingSourceTree
{
    /// <summary>True in a dry run whose source tree does not exist (yet); never in a real run.</summary>
    public static bool IsPending(ICommandRunner runner, string sourceTree) => runner.IsDryRun && !Directory.Exists(sourceTree);
}
