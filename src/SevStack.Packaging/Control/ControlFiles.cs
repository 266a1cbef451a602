using System.Security.Cryptography;
using System.Text;

namespace SevStack.Packaging.Control;

/// <summary>The generated members of DEBIAN/ besides control: md5sums, conffiles, and the Installed-Size figure.</summary>
public static class ControlFiles
{
    /// <summary>"&lt;md5&gt;  &lt;path&gt;" per regular file, paths relative to the root, in the given (sorted) order.</summary>
    public static string Md5Sums(string root, IEnumerable<string> regularFiles)
    {
        var text = new StringBuilder();
        foreach (var relative in regularFiles)
        {
            using var stream = File.OpenRead(Path.Combine(root, relative));
            text.Append(Convert.ToHexStringLower(MD5.HashData(stream))).Append("  ").Append(relative).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Every regular file under /etc is a conffile: dpkg keeps the admin's edits on upgrade.</summary>
    public static string Conffiles(IEnumerable<string> regularFiles) => string.Concat(regularFiles
        .Where(p => p.StartsWith("etc/", StringComparison.Ordinal))
        .Select(p => "/" + p + "\n"));

    /// <summary>KiB the package occupies when installed, counted as dpkg-gencontrol does: files rounded up to 1 KiB, other entries 1 each.</summary>
    public static long InstalledSizeKiB(string root, IEnumerable<string> entries)
    {
        long total = 0;
        foreach (var relative in entries)
        {
            var info = new FileInfo(Path.Combine(root, relative));
            total += info.LinkTarget is null && info.Exists ? Math.Max(1, (info.Length + 1023) / 1024) : 1;
        }
        return total;
    }
}
