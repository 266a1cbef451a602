namespace SevStack.Engine.Hosting;

/// <summary>The repository root: <c>--root</c>, else the folder with <c>.nuke/</c> above the working directory, else above the program itself (build.sh run from anywhere).</summary>
internal static class RootDirectoryLocator
{
    public static string Find(string? explicitRoot, string workingDirectory) => Find(explicitRoot, workingDirectory, AppContext.BaseDirectory);

    public static string Find(string? explicitRoot, string workingDirectory, string programDirectory)
    {
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot, workingDirectory);
            return Directory.Exists(Path.Combine(full, ".nuke"))
                ? full
                : throw new UsageException($"--root {explicitRoot}: no .nuke folder in {full}; point --root at the repository root");
        }
        return Above(workingDirectory) ?? Above(programDirectory)
            ?? throw new UsageException($"No .nuke folder in {workingDirectory} or above, nor above the build program in {programDirectory}: pass --root");
    }

    static string? Above(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                return dir.FullName;
        return null;
    }
}
