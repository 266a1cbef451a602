using System.Runtime.CompilerServices;
using Xunit;

namespace SevStack.Testing;

/// <summary>
/// Approved-file snapshots (Verify does not restore here): compares text with
/// <c>&lt;TestFile&gt;.&lt;name&gt;.approved.txt</c> beside the test source. On a difference it writes
/// <c>.received.txt</c> next to it and fails with the first differing line; set SEVSTACK_APPROVE=1 to accept.
/// </summary>
public static class Approved
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.GetDirectoryName(testFile)!;
        var stem = Path.GetFileNameWithoutExtension(testFile);
        var approvedPath = Path.Combine(folder, $"{stem}.{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{stem}.{name}.received.txt");
        var normalized = Normalize(actual);

        if (Environment.GetEnvironmentVariable("SEVSTACK_APPROVE") == "1")
        {
            File.WriteAllText(approvedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (approved == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(approved is null
            ? $"No approved file {approvedPath}; received output written to {receivedPath} (SEVSTACK_APPROVE=1 accepts it)"
            : $"Output differs from {approvedPath} at {FirstDifference(approved, normalized)}; received output written to {receivedPath}");
    }

    static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
                return $"line {i + 1}:\n  approved: {el}\n  received: {al}";
        }
        return "(whitespace only)";
    }
}
