using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// A repository root the e2e suite builds in, outside the checkout so its work trees and cache outlive a clone:
/// <c>$<paramref name="variable"/></c>, else <paramref name="fallback"/>, with this checkout's .nuke, patches and lock
/// copied in (a changed patch or pin reaches the next run).
/// </summary>
static class E2ERepositoryRoot
{
    public static string Prepare(string variable, string fallback)
    {
        var root = Path.GetFullPath(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : fallback);
        Directory.CreateDirectory(root);
        foreach (var folder in new[] { ".nuke", "patches" })
        {
            var target = Path.Combine(root, folder);
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            TreeCopy.Copy(Path.Combine(SharedData.RepositoryRoot, folder), target);
        }
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "sevstack.lock.json"), Path.Combine(root, "sevstack.lock.json"), overwrite: true);
        return root;
    }
}
