using System.Security.Cryptography;
using System.Text;

namespace SevStack.Engine.Caching;

/// <summary>SHA-256 in lower-case hex, of a file, bytes or a text (UTF-8): the one place it is written.</summary>
public static class FileHashes
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256Text(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}
