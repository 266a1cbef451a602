using System.Security.Cryptography;

namespace SevStack.Packaging.Outputs;

public static class Sha256File
{
    public static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
