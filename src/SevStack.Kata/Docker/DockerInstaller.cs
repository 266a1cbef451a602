using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Host;

namespace SevStack.Kata.Docker;

/// <summary>
/// Runs a <see cref="DockerInstallPlan"/>; with a sysroot, package commands run through chroot. The files it writes (the
/// apt source, the downloaded key) go through <see cref="HostChanges"/>, so they are recorded and UninstallHost removes them.
/// </summary>
public sealed class DockerInstaller(IBuildLog log)
{
    public async Task RunAsync(IReadOnlyList<DockerInstallStep> steps, HostChanges changes, CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case RunCommandStep { Command: var command }:
                    foreach (var written in FilesWrittenBy(command))
                        await changes.BeforeChangeAsync(written, cancellationToken);
                    await changes.Runner.RunAsync(InRoot(command, changes.Root), cancellationToken);
                    break;
                case WriteFileStep write:
                    await changes.WriteAsync(write.Path, write.Content, cancellationToken: cancellationToken);
                    break;
                case VerifyKeyStep verify:
                    await VerifyAsync(verify, changes, cancellationToken);
                    break;
            }
        }
    }

    async Task VerifyAsync(VerifyKeyStep step, HostChanges changes, CancellationToken cancellationToken)
    {
        var keyFile = changes.Root.Map(step.KeyPath);
        if (changes.IsDryRun && !File.Exists(keyFile))
        {
            log.Info($"would check that {keyFile} has fingerprint {step.Fingerprint}");
            return;
        }
        var shown = await changes.Runner.RunAsync(new CommandSpec("gpg", "--show-keys", "--with-colons", keyFile) { IsQuery = true }, cancellationToken);
        if (GpgKeyFingerprint.Check(shown.StandardOutput, step.Fingerprint, keyFile) is { } problem)
            throw new BuildException(problem);
        log.Info($"{keyFile}: fingerprint {step.Fingerprint} verified");
    }

    /// <summary>curl's output file (-o), as on the configured system.</summary>
    static IEnumerable<string> FilesWrittenBy(CommandSpec command)
    {
        if (command.Program != "curl") yield break;
        var output = command.Arguments.ToList().IndexOf("-o");
        if (output >= 0 && output + 1 < command.Arguments.Count)
            yield return command.Arguments[output + 1];
    }

    static CommandSpec InRoot(CommandSpec command, TargetRoot root)
    {
        if (root.IsLiveSystem)
            return command;
        // curl writes the key from outside the root; everything else is a package operation inside it.
        if (command.Program == "curl")
            return command with { Arguments = command.Arguments.Select(a => a.StartsWith('/') ? root.Map(a) : a).ToList() };
        return command with { Program = "chroot", Arguments = [root.Path, command.Program, .. command.Arguments] };
    }
}
