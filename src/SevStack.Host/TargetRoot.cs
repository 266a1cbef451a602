using SevStack.Toolkit.Processes;

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

    /// <summary>
    /// Where an absolute path of the target system lives on this machine. In a sysroot, symbolic links are followed as
    /// inside the booted system (an absolute link target starts at the root, <c>..</c> stops there), so the result is
    /// always inside the root: every read, write, backup, restore and delete goes through here.
    /// </summary>
    public string Map(string absolutePath)
    {
        HostPath.Check(absolutePath, $"a path in {this}");
        return IsLiveSystem ? absolutePath : InRootResolver.Resolve(Path, absolutePath);
    }

    /// <summary>Like <see cref="Map"/>, but a symbolic link at the last part is the result itself, not followed.</summary>
    public string MapEntry(string absolutePath)
    {
        HostPath.Check(absolutePath, $"a path in {this}");
        if (IsLiveSystem || absolutePath == "/") return absolutePath;
        var parent = System.IO.Path.GetDirectoryName(absolutePath)!;
        return (parent == "/" ? Path : Map(parent)) + "/" + System.IO.Path.GetFileName(absolutePath);
    }

    /// <summary>A command that runs inside the target system, as root (through chroot for a sysroot).</summary>
    public CommandSpec Command(string program, params string[] arguments) => IsLiveSystem
        ? new CommandSpec(program, arguments) { NeedsRoot = true }
        : new CommandSpec("chroot", [Path, program, .. arguments]) { NeedsRoot = true };

    public override string ToString() => IsLiveSystem ? "this machine (/)" : $"the root {Path}";
}
