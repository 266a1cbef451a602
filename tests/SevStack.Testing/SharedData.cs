namespace SevStack.Testing;

/// <summary>Locates the repository root and the read-only ../shared/testdata beside it.</summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestData(params string[] parts) =>
        Path.Combine([Path.GetDirectoryName(RepositoryRoot)!, "shared", "testdata", .. parts]);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                return dir.FullName;
        throw new InvalidOperationException("repository root (a folder with .nuke/) not found above " + AppContext.BaseDirectory);
    }
}
