namespace SevStack.Host.Distributions;

/// <summary>The libraries QEMU links whose binary package was renamed between releases (SONAME bumps, the 64-bit time_t transition).</summary>
public static class LibraryNames
{
    public const string OpenSsl = "openssl";
    public const string IoUring = "io_uring";
    public const string Aio = "aio";
    public const string Glib = "glib";
    public const string Slirp = "slirp";

    public static IReadOnlyDictionary<string, string> Of(string ssl, string? uring, string aio, string glib, string? slirp)
    {
        var names = new Dictionary<string, string> { [OpenSsl] = ssl, [Aio] = aio, [Glib] = glib };
        if (uring is not null) names[IoUring] = uring;
        if (slirp is not null) names[Slirp] = slirp;
        return names;
    }
}
