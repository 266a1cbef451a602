using SevStack.Toolkit;

namespace SevStack.Packaging.Inputs;

/// <summary>
/// Where our packages install. Only /usr/local (and below) or /opt/&lt;name&gt; are accepted: the distribution's
/// packages never ship files there, so our files cannot overwrite theirs.
/// </summary>
public sealed record InstallPrefix
{
    InstallPrefix(string path) => Path = path;

    /// <summary>Absolute, without a trailing slash, e.g. "/usr/local".</summary>
    public string Path { get; }

    public static InstallPrefix UsrLocal { get; } = new("/usr/local");
    public static InstallPrefix OptSevStack { get; } = new("/opt/sevstack");

    public static InstallPrefix Parse(string value)
    {
        var path = value.TrimEnd('/');
        var wellFormed = path.StartsWith('/') && !path.Contains("//", StringComparison.Ordinal)
            && path.Split('/').All(segment => segment is not ("." or ".."));
        var safe = path == "/usr/local" || path.StartsWith("/usr/local/", StringComparison.Ordinal)
            || (path.StartsWith("/opt/", StringComparison.Ordinal) && path.Length > "/opt/".Length);
        if (!wellFormed || !safe)
            throw new BuildException($"Install prefix '{value}' is not allowed: use /usr/local or /opt/<name> (e.g. /opt/sevstack), where no Debian package installs files.");
        return new InstallPrefix(path);
    }

    /// <summary>The prefix relative to the root, e.g. "usr/local".</summary>
    public string Relative => Path.TrimStart('/');

    /// <summary>True when the absolute installed path lies below this prefix.</summary>
    public bool Contains(string installedPath) => installedPath.StartsWith(Path + "/", StringComparison.Ordinal);

    public override string ToString() => Path;
}
