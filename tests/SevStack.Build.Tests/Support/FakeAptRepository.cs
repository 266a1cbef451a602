using SevStack.Host.Tests.Support;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Docs;
using SevStack.Testing;

namespace SevStack.Build.Tests.Support;

/// <summary>
/// A signed apt repository of tiny packages built with dpkg-deb, served on 127.0.0.1 and signed by a key generated in its
/// own GNUPGHOME (this machine's keyrings are never used). Two layouts: Docker's (dists/&lt;codename&gt;/InRelease,
/// dists/&lt;codename&gt;/stable/binary-amd64/Packages, pool/stable/amd64/*.deb, key at gpg) and openSUSE OBS's flat one
/// (InRelease, Release, Packages and the .debs at the top, key at Release.key).
/// </summary>
sealed class FakeAptRepository : IDisposable
{
    readonly TempDirectory folder = new("sevstack-fake-apt-repo");
    readonly TempDirectory gnupgHome = new("sevstack-fake-apt-gnupg");
    readonly LocalHttpServer server = new();

    /// <summary>Laid out like download.docker.com/linux/debian: docker-ce (with /usr/bin/dockerd), docker-ce-cli and containerd.io.</summary>
    /// <param name="dockerCeFailsToConfigure">docker-ce's postinst exits 1, so apt fails after unpacking everything.</param>
    public static FakeAptRepository DockerCe(string codename, bool dockerCeFailsToConfigure = false)
    {
        const string version = "5:99.0.0-1~debian.12~bookworm";
        return new FakeAptRepository("Fake Docker Release <docker@sevstack.example.org>", "gpg", codename,
        [
            new FakeDeb("containerd.io", version, null, [FakeFile.Program("/usr/bin/containerd")]),
            new FakeDeb("docker-ce-cli", version, null, [FakeFile.Program("/usr/bin/docker")]),
            new FakeDeb("docker-ce", version, "docker-ce-cli, containerd.io", [FakeFile.Program("/usr/bin/dockerd")], dockerCeFailsToConfigure),
        ]);
    }

    /// <summary>
    /// Laid out like a Kata 1.x repository of openSUSE OBS (home:katacontainers:releases:x86_64:stable/xUbuntu_18.04):
    /// kata-runtime (with <paramref name="configurationToml"/> as its default configuration, depending on the exact
    /// versions of the other two, as the real one did), kata-proxy and kata-shim.
    /// </summary>
    /// <param name="kataRuntimeFailsToConfigure">kata-runtime's postinst exits 1, so apt fails after unpacking everything.</param>
    public static FakeAptRepository KataObs(string configurationToml, bool kataRuntimeFailsToConfigure = false)
    {
        const string version = "1.12.1-1";
        return new FakeAptRepository("Fake home:katacontainers OBS Project <katacontainers@sevstack.example.org>", "Release.key", codename: null,
        [
            new FakeDeb("kata-proxy", version, null, [FakeFile.Program("/usr/libexec/kata-containers/kata-proxy")]),
            new FakeDeb("kata-shim", version, null, [FakeFile.Program("/usr/libexec/kata-containers/kata-shim")]),
            new FakeDeb("kata-runtime", version, $"kata-proxy (= {version}), kata-shim (= {version})",
                [FakeFile.Program("/usr/bin/kata-runtime"), new FakeFile("/usr/share/defaults/kata-containers/configuration.toml", configurationToml, Executable: false)], kataRuntimeFailsToConfigure),
        ]);
    }

    /// <param name="codename">The suite of a Docker-like repository; null for a flat one.</param>
    FakeAptRepository(string keyUserId, string keyFileName, string? codename, IReadOnlyList<FakeDeb> packages)
    {
        File.SetUnixFileMode(gnupgHome.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Gpg("--passphrase", "", "--quick-gen-key", keyUserId, "ed25519", "sign", "never");
        Fingerprint = Gpg("--with-colons", "--list-secret-keys").Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        File.WriteAllText(folder.Combine(keyFileName), Gpg("--armor", "--export", Fingerprint));

        var (pool, indexFolder, packagesFile, releaseHeader) = codename is null
            ? (folder.Path, folder.Path, "Packages", "")
            : (Path.Combine(folder.Path, "pool", "stable", "amd64"), Path.Combine(folder.Path, "dists", codename), "stable/binary-amd64/Packages",
               $"Suite: {codename}\nCodename: {codename}\nComponents: stable\nArchitectures: amd64\n");
        Directory.CreateDirectory(pool);
        var poolInRepository = Path.GetRelativePath(folder.Path, pool);
        var stanzas = packages.Select(package => Build(pool, package))
            .Select(stanza => poolInRepository == "." ? stanza : stanza.Replace("Filename: ./", $"Filename: {poolInRepository}/", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(indexFolder, packagesFile))!);
        File.WriteAllText(Path.Combine(indexFolder, packagesFile), string.Join("\n", stanzas));
        var release = ReleaseFile.Render(indexFolder, [packagesFile], new SourceDate(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));
        File.WriteAllText(Path.Combine(indexFolder, "Release"), releaseHeader + release);
        Gpg("--yes", "--local-user", Fingerprint, "--digest-algo", "SHA512", "--clearsign", "--output", Path.Combine(indexFolder, "InRelease"), Path.Combine(indexFolder, "Release"));

        server.MapFallback(request =>
        {
            var file = Path.GetFullPath(Path.Combine(folder.Path, request.Path.TrimStart('/')));
            return file.StartsWith(folder.Path + "/", StringComparison.Ordinal) && File.Exists(file)
                ? LocalHttpResponse.File(request, File.ReadAllBytes(file))
                : LocalHttpResponse.Text(404, "not found");
        });
    }

    /// <summary>The repository's URL, as --docker-repository and --kata-apt-repository take it.</summary>
    public string Url => server.BaseUri.ToString().TrimEnd('/');

    /// <summary>The fingerprint of the key that signs InRelease (and is served as gpg or Release.key).</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<LocalHttpRequest> Requests => server.Requests;

    /// <summary>Builds the package into <paramref name="pool"/>; returns its Packages stanza (Filename relative to the pool).</summary>
    static string Build(string pool, FakeDeb package)
    {
        var tree = Directory.CreateTempSubdirectory("sevstack-fake-apt-deb-").FullName;
        try
        {
            var control = $"Package: {package.Name}\nVersion: {package.Version}\nArchitecture: amd64\nMaintainer: SevStack tests <tests@sevstack.invalid>\n"
                + (package.Depends is null ? "" : $"Depends: {package.Depends}\n") + $"Description: fake {package.Name} for SevStack tests\n";
            Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
            File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"), control);
            if (package.FailingPostinst)
            {
                File.WriteAllText(Path.Combine(tree, "DEBIAN", "postinst"), $"#!/bin/sh\necho 'configuration of the fake {package.Name} fails on purpose' >&2\nexit 1\n");
                File.SetUnixFileMode(Path.Combine(tree, "DEBIAN", "postinst"), (UnixFileMode)0b111_101_101);
            }
            foreach (var file in package.Files)
            {
                var path = Path.Combine(tree, file.Path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
                File.SetUnixFileMode(path, file.Executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
            }
            var deb = Path.Combine(pool, $"{package.Name}_{package.Version.Split(':')[^1]}_amd64.deb");
            Shell.Run("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", tree, deb);
            return PackagesIndex.Stanza(control, deb);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
        }
    }

    string Gpg(params string[] arguments) => Shell.Run("gpg", ["--homedir", gnupgHome.Path, "--batch", .. arguments]);

    public void Dispose()
    {
        server.Dispose();
        // gpg-agent keeps a socket in the home folder; stop it so the folder can go.
        Shell.Run("gpgconf", "--homedir", gnupgHome.Path, "--kill", "gpg-agent");
        gnupgHome.Dispose();
        folder.Dispose();
    }

    sealed record FakeDeb(string Name, string Version, string? Depends, IReadOnlyList<FakeFile> Files, bool FailingPostinst = false);

    sealed record FakeFile(string Path, string Content, bool Executable)
    {
        /// <summary>A shell script that prints "fake &lt;name&gt;".</summary>
        public static FakeFile Program(string path) => new(path, $"#!/bin/sh\necho fake {System.IO.Path.GetFileName(path)}\n", Executable: true);
    }
}
