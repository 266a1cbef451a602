using SevStack.Testing;

namespace SevStack.Kata.Tests.Support;

/// <summary>A temp folder standing in for <c>--sysroot</c>, with the files a Kata configuration points at.</summary>
sealed class KataRoot : IDisposable
{
    readonly TempDirectory folder = new("sevstack-kata-root");

    public string Path => folder.Path;

    public string Map(string absolutePath) => SysRoot.Map(folder.Path, absolutePath);

    public KataRoot With(string absolutePath, string content = "")
    {
        var full = Map(absolutePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public string Read(string absolutePath) => File.ReadAllText(Map(absolutePath));

    public bool Exists(string absolutePath) => File.Exists(Map(absolutePath));

    public void Dispose() => folder.Dispose();
}
