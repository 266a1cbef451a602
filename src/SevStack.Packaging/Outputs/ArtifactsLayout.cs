using SevStack.Toolkit;

namespace SevStack.Packaging.Outputs;

/// <summary>The artifacts folder: debs/ (with a manifest.json of its own), apt/, SHA256SUMS and manifest.json below one root.</summary>
public sealed record ArtifactsLayout(string Root)
{
    public string Debs => Path.Combine(Root, "debs");
    public string Apt => Path.Combine(Root, "apt");
    public string Sha256Sums => Path.Combine(Root, "SHA256SUMS");
    public string Manifest => Path.Combine(Root, "manifest.json");

    /// <summary>debs/manifest.json: the same packages, files named relative to debs/, so the folder alone (CI's artifact, <c>--debs</c>) says what it holds.</summary>
    public string DebsManifest => DebsFolderManifest(Debs);

    public static string DebsFolderManifest(string debsFolder) => Path.Combine(debsFolder, "manifest.json");

    /// <summary>Creates debs/ and apt/ and proves they are writable, before any package is built.</summary>
    public void EnsureWritable()
    {
        foreach (var folder in new[] { Debs, Apt })
        {
            var probe = Path.Combine(folder, $".write-probe.{Environment.ProcessId}");
            try
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BuildException($"Artifacts folder {folder} is not writable ({e.Message}): fix its permissions or point the build at another artifacts folder.", e);
            }
        }
    }

    public string RelativeToRoot(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
