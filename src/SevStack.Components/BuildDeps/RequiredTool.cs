using SevStack.Engine;

namespace SevStack.Components.BuildDeps;

/// <summary>Checks that a program is on PATH before a step needs it, naming the package that provides it.</summary>
public static class RequiredTool
{
    /// <summary>Returns the full path of <paramref name="name"/>, or throws a <see cref="BuildException"/> naming <paramref name="package"/>.</summary>
    /// <param name="searchPath">The PATH to search; the process's PATH when null.</param>
    public static string RequireTool(string name, string package, string? searchPath = null) =>
        Find(name, searchPath) ?? throw new BuildException(
            $"'{name}' was not found on PATH; install the Debian package '{package}' (apt-get install {package}, or run the InstallBuildDeps target).");

    public static string? Find(string name, string? searchPath = null)
    {
        if (name.Contains('/'))
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);
    }

    static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() ||
            (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
