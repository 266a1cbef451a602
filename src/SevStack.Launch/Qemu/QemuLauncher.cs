using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Launch.Qemu;

/// <summary>Starts a planned guest: makes the per-guest OVMF_VARS copy once (never overwriting it), then runs QEMU.</summary>
public static class QemuLauncher
{
    /// <exception cref="BuildException">A file the guest needs is missing, or the QEMU lacks the guest's SEV object.</exception>
    public static async Task<CommandResult> RunAsync(LaunchPlan plan, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var missing = plan.InputFiles.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
            throw new BuildException($"the guest cannot start, these files do not exist: {string.Join(", ", missing)}");
        await RequireSevObjectAsync(plan, runner, cancellationToken);
        EnsureVarsCopy(plan, runner.IsDryRun);
        return await runner.RunAsync(plan.Command, cancellationToken);
    }

    /// <summary>The QEMU object type the plan's encrypted guest needs (<c>sev-guest</c>, <c>sev-snp-guest</c>), null for a plain guest.</summary>
    public static string? SevObjectType(LaunchPlan plan) => plan.Command.Arguments
        .Select(argument => argument.Split(',')[0])
        .FirstOrDefault(type => type is "sev-guest" or "sev-snp-guest");

    /// <exception cref="BuildException">QEMU's <c>-object help</c> does not list the object type the guest needs.</exception>
    static async Task RequireSevObjectAsync(LaunchPlan plan, ICommandRunner runner, CancellationToken cancellationToken)
    {
        if (SevObjectType(plan) is not { } type)
            return;
        var qemu = plan.Command.Program;
        CommandResult help;
        try
        {
            help = await runner.RunAsync(new CommandSpec(qemu, "-object", "help") { IsQuery = true, AllowFailure = true }, cancellationToken);
        }
        catch (ToolNotFoundException)
        {
            throw new BuildException($"QEMU {qemu} is not installed or not on PATH; install SevStack's (InstallHost) or give --qemu-binary");
        }
        if (!help.StandardOutput.Split('\n').Any(line => line.Trim() == type))
            throw new BuildException(
                $"{qemu} has no {type} object, so it cannot start this guest; use a QEMU with {(type == "sev-snp-guest" ? "SEV-SNP support (QEMU 9.1 or later)" : "SEV support")} through --qemu-binary");
    }

    /// <returns>True when the copy was made now.</returns>
    public static bool EnsureVarsCopy(LaunchPlan plan, bool dryRun = false)
    {
        if (plan.VarsCopy is null || File.Exists(plan.VarsCopy))
            return false;
        if (!File.Exists(plan.VarsTemplate))
            throw new BuildException($"OVMF variable store template {plan.VarsTemplate} does not exist; install SevStack's OVMF (InstallHost) or give its path with --ovmf-vars");
        if (dryRun)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(plan.VarsCopy))!);
        File.Copy(plan.VarsTemplate!, plan.VarsCopy);
        return true;
    }
}
