using SevStack.Toolkit.Processes;
using SevStack.Launch.Libvirt;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Libvirt;

/// <summary>
/// libvirt 11's own domain schema (RNG), from Debian 13 (trixie)'s libvirt-common, the package that carries
/// /usr/share/libvirt/schemas: downloaded once through apt with lists of its own (InRelease signature and the
/// Packages index's SHA256 checked), extracted under /var/tmp/sevstack-test-cache, never installed.
/// </summary>
static class Libvirt11Schema
{
    const string CacheFolder = "/var/tmp/sevstack-test-cache/libvirt-trixie";
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());
    static readonly Lazy<Task<(string Schemas, string Version)>> Fetched = new(FetchAsync);

    /// <summary>libvirt-common's Debian version, e.g. 11.3.0-3+deb13u3.</summary>
    public static async Task<string> VersionAsync() => (await Fetched.Value).Version;

    /// <summary>Validates a domain with <c>xmllint --relaxng domain.rng</c>, as virt-xml-validate does with the installed schemas.</summary>
    public static async Task<XmlValidation> ValidateAsync(string path)
    {
        var (schemas, _) = await Fetched.Value;
        var result = await Runner.RunAsync(new CommandSpec("xmllint", "--noout", "--relaxng", Path.Combine(schemas, "domain.rng"), path)
        {
            IsQuery = true, AllowFailure = true,
        });
        return new XmlValidation(result.Succeeded, (result.StandardOutput + result.StandardError).Trim());
    }

    static async Task<(string, string)> FetchAsync()
    {
        var tree = Path.Combine(CacheFolder, "tree");
        var schemas = Path.Combine(tree, "usr", "share", "libvirt", "schemas");
        var debs = Path.Combine(CacheFolder, "debs");
        if (!File.Exists(Path.Combine(schemas, "domain.rng")))
        {
            Directory.CreateDirectory(CacheFolder);
            var archive = await DebianSuiteArchive.OpenAsync(Runner, CacheFolder, "trixie");
            var downloaded = await archive.DownloadAsync("libvirt-common", debs);
            var partial = tree + ".partial";
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
            await Runner.RunAsync(new CommandSpec("dpkg-deb", "-x", downloaded, partial));
            if (Directory.Exists(tree))
                Directory.Delete(tree, recursive: true);
            Directory.Move(partial, tree);
        }
        var deb = Directory.GetFiles(debs, "libvirt-common_*.deb").Single();
        var version = (await Runner.RunAsync(new CommandSpec("dpkg-deb", "-f", deb, "Version") { IsQuery = true })).StandardOutput.Trim();
        return (schemas, version);
    }
}
