using SevStack.Engine;
using SevStack.Engine.Processes;

namespace SevStack.Checks.Launch;

/// <summary>Starts a planned guest: makes the per-guest OVMF_VARS copy once (never overwriting it), then runs QEMU.</summary>
public static class QemuLauncher
{
    /// <exception cref="BuildException">A file the guest needs is missing.</exception>
    public static async Task<CommandResult> RunAsync(LaunchPlan plan, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var missing = plan.InputFiles.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
            throw new BuildException($"the guest cannot start, these files do not exist: {string.Join(", ", missing)}");
        EnsureVarsCopy(plan, runner.IsDryRun);
        return await runner.RunAsync(plan.Command, cancellationToken);
    }

    /// <returns>True when the copy was made now.</returns>
    public static bool EnsureVarsCopy(LaunchPlan plan, bool dryRun = false)
    {
        if (plan.VarsCopy is null || File.Exists(plan.VarsCopy))
            return false;
        if (!File.Exists(plan.VarsTemplate))
            throw new BuildException($"OVMF variable store template {plan.VarsTemplate} does not exist; install SevStack's OVMF (InstallHost) or give its path");
        if (dryRun)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(plan.VarsCopy))!);
        File.Copy(plan.VarsTemplate!, plan.VarsCopy);
        return true;
    }
}
