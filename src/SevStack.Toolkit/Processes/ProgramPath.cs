namespace SevStack.Toolkit.Processes;

/// <summary>Finds programs as the process starter does: a name is looked up on PATH, a path is taken as it is.</summary>
public static class ProgramPath
{
    /// <summary>The full path of <paramref name="name"/>, or null when it is not an executable file.</summary>
    /// <param name="searchPath">The PATH to search; the process's PATH when null.</param>
    public static string? Find(string name, string? searchPath = null)
    {
        if (name.Contains('/'))
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>Checks that a program is there before a step needs it: its full path, or a <see cref="ToolNotFoundException"/> naming its package.</summary>
    public static string Require(string name, string? searchPath = null) =>
        Find(name, searchPath) ?? throw new ToolNotFoundException(name);

    /// <summary>
    /// <see cref="Find"/> in the file system at <paramref name="fileRoot"/> (a build root's folder that commands run in with
    /// it as /): the path inside it, or null. An empty <paramref name="fileRoot"/> is this machine's own.
    /// </summary>
    public static string? FindUnder(string fileRoot, string name, string searchPath) =>
        fileRoot.Length == 0 ? Find(name, searchPath)
        : Find(name.Contains('/') ? fileRoot + name : name, string.Join(':', searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => fileRoot + dir)))?[fileRoot.Length..];

    /// <summary><see cref="Require"/> in the file system at <paramref name="fileRoot"/> (<see cref="FindUnder"/>).</summary>
    public static string RequireUnder(string fileRoot, string name, string searchPath) =>
        FindUnder(fileRoot, name, searchPath) ?? throw new ToolNotFoundException(name);

    static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() ||
            (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
