using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SevStack.Engine.Caching;

namespace SevStack.Packaging.Apt;

/// <summary>One stanza of a Packages index: the .deb's control paragraph plus where to fetch it and its hashes.</summary>
public static class PackagesIndex
{
    public static string Stanza(string controlText, string debPath)
    {
        var bytes = File.ReadAllBytes(debPath);
        return new StringBuilder(controlText.TrimEnd('\n'))
            .Append("\nFilename: ./").Append(Path.GetFileName(debPath))
            .Append("\nSize: ").Append(bytes.Length.ToString(CultureInfo.InvariantCulture))
            .Append("\nMD5sum: ").Append(Convert.ToHexStringLower(MD5.HashData(bytes)))
            .Append("\nSHA256: ").Append(FileHashes.Sha256(bytes))
            .Append('\n')
            .ToString();
    }
}
