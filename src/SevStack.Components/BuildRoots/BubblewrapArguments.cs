using SevStack.Toolkit.Processes;

namespace SevStack.Components.BuildRoots;

/// <summary>
/// The bwrap command line that runs one command with a build root as /: the root bound writable, a fresh /proc and
/// /dev, the machine's resolv.conf read-only (apt inside the root resolves its mirror), and each shared folder bound at
/// its own absolute path, so no path is translated. The mounts live in bwrap's private mount namespace: none is left
/// behind when the command ends or is killed.
/// </summary>
public static class BubblewrapArguments
{
    public const string Program = "bwrap";

    /// <summary>The PATH of a Debian root; the machine's own PATH names folders (the SDK's, ~/.dotnet) the root does not have.</summary>
    public const string RootPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static CommandSpec Wrap(CommandSpec command, string rootDirectory, IReadOnlyList<string> sharedDirectories)
    {
        // No --die-with-parent: its PR_SET_PDEATHSIG fires when the starting thread ends, and .NET starts processes from
        // pool threads that come and go, so a long command (dpkg-source unpacking QEMU) was killed (exit 137) midway.
        var arguments = new List<string> { "--bind", rootDirectory, "/", "--proc", "/proc", "--dev", "/dev" };
        if (File.Exists("/etc/resolv.conf"))
            arguments.AddRange(["--ro-bind", "/etc/resolv.conf", "/etc/resolv.conf"]);
        foreach (var shared in sharedDirectories)
            arguments.AddRange(["--bind", shared, shared]);
        if (command.WorkingDirectory is { } directory)
            arguments.AddRange(["--chdir", directory]);
        arguments.Add("--");
        arguments.Add(command.Program);
        arguments.AddRange(command.Arguments);
        var environment = new Dictionary<string, string?> { ["PATH"] = RootPath };
        foreach (var (name, value) in command.Environment)
            environment[name] = value;
        // bwrap itself needs root to bind the root's own files (owned by root) writable; the command runs as root inside.
        return command with { Program = Program, Arguments = arguments, Environment = environment, WorkingDirectory = null, NeedsRoot = true };
    }
}
