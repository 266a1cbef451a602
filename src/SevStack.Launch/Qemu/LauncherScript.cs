using SevStack.Toolkit;

namespace SevStack.Launch.Qemu;

/// <summary>
/// <c>sevstack-launch-qemu</c>, the launcher shipped in the sevstack-qemu package: a bash script that builds the same
/// command line as <see cref="LaunchCommandBuilder"/>, with the install prefix filled in when it is packaged.
/// </summary>
public static class LauncherScript
{
    public const string FileName = "sevstack-launch-qemu";
    const string PrefixPlaceholder = "@PREFIX@";

    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The script's template, with <c>@PREFIX@</c> where the install prefix goes.</summary>
    public static string Template { get; } = ReadTemplate();

    /// <summary>The script for a QEMU installed under <paramref name="prefix"/> (its QEMU and OVMF defaults live there).</summary>
    /// <exception cref="BuildException">The prefix is not an absolute path the script can hold literally.</exception>
    public static string Render(string prefix)
    {
        var path = prefix.TrimEnd('/');
        if (!path.StartsWith('/') || path.Any(c => c is '\'' or '\n' or '\\'))
            throw new BuildException($"install prefix '{prefix}' cannot be written into {FileName}: give an absolute path without quotes, backslashes or newlines");
        return Template.Replace(PrefixPlaceholder, path, StringComparison.Ordinal);
    }

    /// <summary>Writes the script to <c>&lt;stagingRoot&gt;/&lt;prefix&gt;/bin/sevstack-launch-qemu</c>, mode 0755.</summary>
    /// <returns>The written file.</returns>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static string Stage(string stagingRoot, string prefix)
    {
        var target = Path.Combine(stagingRoot, prefix.Trim('/'), "bin", FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, Render(prefix));
        File.SetUnixFileMode(target, Mode);
        return target;
    }

    static string ReadTemplate()
    {
        using var stream = typeof(LauncherScript).Assembly.GetManifestResourceStream(FileName + ".sh")
            ?? throw new InvalidOperationException($"embedded resource {FileName}.sh is missing from {typeof(LauncherScript).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
