namespace SevStack.Engine.Hosting;

internal static class RootDirectoryLocator
{
    public static string Find(string? explicitRoot, string workingDirectory)
    {
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot, workingDirectory);
            return Directory.Exists(Path.Combine(full, ".nuke"))
                ? full
                : throw new UsageException($"--root {explicitRoot}: no .nuke folder in {full}; point --root at the repository root");
        }
        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                return dir.FullName;
        throw new UsageException($"No .nuke folder in {workingDirectory} or above: run from inside the repository or pass --root");
    }
}
