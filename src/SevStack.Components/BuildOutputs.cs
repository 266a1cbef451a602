using SevStack.Toolkit;

namespace SevStack.Components;

/// <summary>Checks that a build produced its files.</summary>
public static class BuildOutputs
{
    /// <summary>Throws one line naming every output of <paramref name="step"/> that is missing or empty.</summary>
    public static void RequireNonEmpty(string step, IEnumerable<string> files)
    {
        var bad = files.Select(f => (File: f, Problem: !File.Exists(f) ? "missing" : new FileInfo(f).Length == 0 ? "empty" : null))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.File} ({x.Problem})")
            .ToList();
        if (bad.Count > 0)
            throw new BuildException($"The {step} finished but its output is not there: {string.Join(", ", bad)}; see the build log above for the cause.");
    }
}
