using SevStack.Components.Kernel;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Modules.Kernel;

/// <summary>--kernel-modules FILE: lsmod output of the target host, checked before anything runs (exists, reads as lsmod output).</summary>
public sealed record KernelModulesListing : ParameterText<KernelModulesListing>, IParsable<KernelModulesListing>
{
    KernelModulesListing(string path) : base(path) { }

    public string Path => Value;

    public static KernelModulesListing Parse(string s, IFormatProvider? provider)
    {
        var path = System.IO.Path.GetFullPath(s);
        if (!File.Exists(path))
            throw new FormatException($"names {path}, which is not a file: give the output of lsmod on the target host (lsmod > modules.txt)");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"names {path}, which cannot be read ({e.Message}): fix its permissions");
        }
        if (LsmodListing.Problem(lines) is { } problem)
            throw new FormatException($"names {path}, which {problem}");
        return new KernelModulesListing(path);
    }
}
