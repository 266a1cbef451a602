using SevStack.Engine;
using SevStack.Engine.Files;
using SevStack.Engine.Processes;

namespace SevStack.Kata.Docker;

/// <summary>Runs a <see cref="DockerInstallPlan"/>; with a sysroot, package commands run through chroot and files land in the root.</summary>
public sealed class DockerInstaller(ICommandRunner runner, IBuildLog log)
{
    public async Task RunAsync(IReadOnlyList<DockerInstallStep> steps, string root = "/", CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case RunCommandStep { Command: var command }:
                    await runner.RunAsync(InRoot(command, root), cancellationToken);
                    break;
                case WriteFileStep write:
                    var path = SysRoot.Map(root, write.Path);
                    if (runner.IsDryRun)
                        log.Info($"would write {path}");
                    else
                    {
                        AtomicFile.WriteAllText(path, write.Content, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                        log.Info($"wrote {path}");
                    }
                    break;
                case VerifyKeyStep verify:
                    await VerifyAsync(verify, SysRoot.Map(root, verify.KeyPath), cancellationToken);
                    break;
            }
        }
    }

    async Task VerifyAsync(VerifyKeyStep step, string keyFile, CancellationToken cancellationToken)
    {
        if (runner.IsDryRun && !File.Exists(keyFile))
        {
            log.Info($"would check that {keyFile} has fingerprint {step.Fingerprint}");
            return;
        }
        var shown = await runner.RunAsync(new CommandSpec("gpg", "--show-keys", "--with-colons", keyFile) { IsQuery = true }, cancellationToken);
        if (GpgKeyFingerprint.Check(shown.StandardOutput, step.Fingerprint, keyFile) is { } problem)
            throw new BuildException(problem);
        log.Info($"{keyFile}: fingerprint {step.Fingerprint} verified");
    }

    static CommandSpec InRoot(CommandSpec command, string root)
    {
        if (SysRoot.IsLiveSystem(root))
            return command;
        // curl writes the key from outside the root; everything else is a package operation inside it.
        if (command.Program == "curl")
            return command with { Arguments = command.Arguments.Select(a => a.StartsWith('/') ? SysRoot.Map(root, a) : a).ToList() };
        return command with { Program = "chroot", Arguments = [Path.GetFullPath(root), command.Program, .. command.Arguments] };
    }
}
