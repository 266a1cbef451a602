namespace SevStack.Kata;

/// <summary>Maps absolute paths of the configured system into the target root ("/" or a <c>--sysroot</c> folder).</summary>
public static class SysRoot
{
    public static bool IsLiveSystem(string root) => Path.GetFullPath(root) == "/";

    public static string Map(string root, string absolutePath)
    {
        if (!absolutePath.StartsWith('/'))
            throw new ArgumentException($"'{absolutePath}' is not an absolute path", nameof(absolutePath));
        return IsLiveSystem(root) ? absolutePath : Path.Join(Path.GetFullPath(root), absolutePath);
    }
}
