using System.Security.Cryptography;
using System.Text;

namespace SevStack.Engine.Caching;

/// <summary>SHA-256 in lower-case hex, of a file or of a text.</summary>
public static class FileHashes
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256Text(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
