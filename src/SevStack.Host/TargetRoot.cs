using SevStack.Engine.Processes;

namespace SevStack.Host;

/// <summary>The system being changed: the live machine ("/") or a <c>--sysroot</c> folder such as a debootstrapped tree.</summary>
public sealed record TargetRoot
{
    public TargetRoot(string path)
    {
        Path = System.IO.Path.GetFullPath(path).TrimEnd('/');
        if (Path.Length == 0) Path = "/";
    }

    public static TargetRoot Live { get; } = new("/");

    public string Path { get; }

    public bool IsLiveSystem => Path == "/";

    /// <summary>Where an absolute path of the target system lives on this machine.</summary>
    public string Map(string absolutePath)
    {
        if (!absolutePath.StartsWith('/'))
            throw new ArgumentException($"'{absolutePath}' is not an absolute path", nameof(absolutePath));
        return IsLiveSystem ? absolutePath : Path + absolutePath;
    }

    /// <summary>A command that runs inside the target system, as root (through chroot for a sysroot).</summary>
    public CommandSpec Command(string program, params string[] arguments) => IsLiveSystem
        ? new CommandSpec(program, arguments) { NeedsRoot = true }
        : new CommandSpec("chroot", [Path, program, .. arguments]) { NeedsRoot = true };

    public override string ToString() => IsLiveSystem ? "this machine (/)" : $"the root {Path}";
}
