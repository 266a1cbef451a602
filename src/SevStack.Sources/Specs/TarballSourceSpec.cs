namespace SevStack.Sources.Specs;

/// <summary>An https or file tarball; <see cref="Sha256"/> is the lower-case hex pin from <c>#sha256=</c>, if any.</summary>
public sealed record TarballSourceSpec(string Text, Uri Url, string? Sha256) : SourceSpec(Text)
{
    public override string Kind => "tarball";

    public bool IsLocalFile => Url.IsFile;

    /// <summary>The archive's file name, e.g. <c>qemu-9.1.0.tar.xz</c>.</summary>
    public string FileName => Path.GetFileName(Url.AbsolutePath);

    internal static TarballSourceSpec ParseTarball(string value)
    {
        var hash = value.IndexOf('#');
        var url = hash < 0 ? value : value[..hash];
        var fragment = hash < 0 ? null : value[(hash + 1)..];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw Invalid(value, $"'{url}' is not a valid URL");
        string? sha256 = null;
        if (fragment is not null)
        {
            if (!fragment.StartsWith("sha256=", StringComparison.Ordinal))
                throw Invalid(value, "the only fragment a tarball accepts is #sha256=<64 hex digits>");
            sha256 = fragment["sha256=".Length..].ToLowerInvariant();
            if (!Sha256Pattern().IsMatch(sha256))
                throw Invalid(value, $"'{sha256}' is not a sha256 (64 hex digits)");
        }
        var name = Path.GetFileName(uri.AbsolutePath);
        if (!Archives.ArchiveExtractor.IsSupportedName(name))
            throw Invalid(value, $"'{name}' is not a supported archive (.tar, .tar.gz/.tgz, .tar.xz, .tar.bz2, .tar.zst)");
        return new TarballSourceSpec(value, uri, sha256);
    }
}
