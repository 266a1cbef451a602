using SevStack.Toolkit;

namespace SevStack.Host;

/// <summary>The one spelling of a path of the target system that SevStack accepts: absolute, normalized, printable.</summary>
public static class HostPath
{
    /// <summary>True for <c>/</c> and for <c>/a/b</c> without empty, <c>.</c> or <c>..</c> parts and without control characters.</summary>
    public static bool IsValid(string? path) =>
        path is not null && path.StartsWith('/') && !path.Any(char.IsControl)
        && (path == "/" || path[1..].Split('/').All(part => part is not ("" or "." or "..")));

    /// <summary>Throws one line naming the path and where it came from unless <see cref="IsValid"/>.</summary>
    public static string Check(string? path, string where) => IsValid(path)
        ? path!
        : throw new BuildException($"{where}: '{Printable(path)}' is not an absolute path of the target system (it must start with '/' and have no '.', '..' or empty parts); fix it");

    /// <summary>Control characters shown escaped, so a message stays one line.</summary>
    public static string Printable(string? text) => text is null ? "(none)"
        : string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
