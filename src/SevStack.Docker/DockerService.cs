using SevStack.Toolkit.Processes;
using SevStack.Host;

namespace SevStack.Docker;

/// <summary>Makes a running dockerd pick up a changed configuration; with a sysroot nothing runs.</summary>
public sealed class DockerService(ICommandRunner runner, IBuildLog log)
{
    public async Task ApplyAsync(DockerConfigMode mode, TargetRoot root, CancellationToken cancellationToken = default)
    {
        if (!root.IsLiveSystem)
        {
            log.Info($"the target is {root}: files written only, docker is not restarted");
            return;
        }
        if (mode == DockerConfigMode.DropIn)
            await runner.RunAsync(new CommandSpec("systemctl", "daemon-reload") { NeedsRoot = true }, cancellationToken);

        var active = await runner.RunAsync(
            new CommandSpec("systemctl", "is-active", "--quiet", "docker") { IsQuery = true, AllowFailure = true }, cancellationToken);
        if (!active.Succeeded)
        {
            log.Info("docker is not running; it reads the new configuration when it starts");
            return;
        }
        // dockerd reloads runtimes and default-runtime from daemon.json on SIGHUP; a changed ExecStart needs a restart.
        var verb = mode == DockerConfigMode.DropIn ? "restart" : "reload";
        await runner.RunAsync(new CommandSpec("systemctl", verb, "docker") { NeedsRoot = true }, cancellationToken);
    }
}
