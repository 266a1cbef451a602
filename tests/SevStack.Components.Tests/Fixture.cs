using SevStack.Testing;

namespace SevStack.Components.Tests;

/// <summary>Copies a fixture tree from <c>fixtures/</c> beside this file into a test's temp folder, keeping file modes.</summary>
static class Fixture
{
    public static readonly string Root = Path.Combine(Path.GetDirectoryName(SourceFile())!, "fixtures");

    public static string CopyTree(string name, TempDirectory into, string? as_ = null) =>
        TreeCopy.Copy(Path.Combine(Root, name), into.Combine(as_ ?? name));

    /// <summary>Writes an executable script.</summary>
    public static string Script(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
