using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SevStack.Packaging.Docs;

namespace SevStack.Packaging.Apt;

/// <summary>The Release file of a flat repository: its identity, its date, and hashes of the index files.</summary>
public static class ReleaseFile
{
    public static string Render(string folder, IReadOnlyList<string> indexFiles, SourceDate date)
    {
        var text = new StringBuilder()
            .Append("Origin: SevStack\n")
            .Append("Label: SevStack\n")
            .Append("Date: ").Append(date.ReleaseDate).Append('\n')
            .Append("Description: SevStack AMD SEV host stack packages\n");
        AppendHashes(text, "MD5Sum", folder, indexFiles, MD5.HashData);
        AppendHashes(text, "SHA256", folder, indexFiles, SHA256.HashData);
        return text.ToString();
    }

    static void AppendHashes(StringBuilder text, string field, string folder, IReadOnlyList<string> files, Func<byte[], byte[]> hash)
    {
        text.Append(field).Append(":\n");
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, file));
            text.Append(' ').Append(Convert.ToHexStringLower(hash(bytes)))
                .Append(' ').Append(bytes.Length.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(file).Append('\n');
        }
    }
}
