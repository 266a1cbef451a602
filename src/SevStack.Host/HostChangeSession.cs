using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>
/// Runs a step that changes only files (ConfigureKata, ConfigureDocker) the way InstallHost changes them: root access
/// and a writable root are checked first, every change is recorded in the state file beside InstallHost's (so
/// UninstallHost undoes it), and when the step fails the files it had changed are restored.
/// </summary>
public sealed class HostChangeSession(TargetRoot root, ICommandRunner runner, IFileWriter writer, Privilege privilege, IBuildLog log)
{
    /// <param name="target">The step's name, for messages.</param>
    /// <param name="needsRootFor">What the step changes that only root may (e.g. "files under /etc").</param>
    /// <param name="step">Applies the changes through the given <see cref="HostChanges"/>; true when something changed.</param>
    public async Task<bool> RunAsync(string target, string needsRootFor, Func<HostChanges, Task<bool>> step, CancellationToken cancellationToken = default)
    {
        var preflight = new Preflight(root, runner, privilege);
        await preflight.RootAccessAsync(target, needsRootFor, cancellationToken).ConfigureAwait(false);
        await preflight.WritableAsync(cancellationToken).ConfigureAwait(false);

        using var stateLock = await HostStateLock.AcquireAsync(root, log, cancellationToken).ConfigureAwait(false);
        var changes = new HostChanges(root, runner, writer, privilege, log, HostStateStore.Load(root) ?? new HostChangeRecord());
        try
        {
            var changed = await step(changes).ConfigureAwait(false);
            if (changed)
                await HostStateStore.SaveAsync(changes, cancellationToken).ConfigureAwait(false);
            return changed;
        }
        catch (Exception e) when (HostChangeFailure.IsExpected(e))
        {
            if (!changes.ChangedThisRun)
            {
                if (e is BuildException) throw;
                throw new BuildException($"{target} failed in {root}: {HostInstaller.OneLine(e)}; nothing was changed", e);
            }
            try
            {
                await changes.RollBackThisRunAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception rollback) when (HostChangeFailure.IsExpected(rollback))
            {
                throw new BuildException($"{target} failed in {root}: {HostInstaller.OneLine(e)}; restoring the files it had changed also failed ({HostInstaller.OneLine(rollback)}), see the log and undo by hand", e);
            }
            throw new BuildException($"{target} failed in {root}: {HostInstaller.OneLine(e)}; the files it had changed were restored, fix the cause and run {target} again", e);
        }
    }
}
