using SevStack.Host.Tests.Support;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Docs;
using SevStack.Testing;

namespace SevStack.Build.Tests.Support;

/// <summary>
/// A signed apt repository laid out like download.docker.com/linux/debian (gpg, dists/&lt;codename&gt;/InRelease,
/// dists/&lt;codename&gt;/stable/binary-amd64/Packages, pool/stable/amd64/*.deb), served on 127.0.0.1. It holds tiny
/// docker-ce, docker-ce-cli and containerd.io packages (docker-ce ships a /usr/bin/dockerd script) and is signed by a
/// key generated in its own GNUPGHOME; this machine's keyrings are never used.
/// </summary>
sealed class FakeDockerRepository : IDisposable
{
    readonly TempDirectory folder = new("sevstack-fake-docker-repo");
    readonly TempDirectory gnupgHome = new("sevstack-fake-docker-gnupg");
    readonly LocalHttpServer server = new();

    /// <param name="dockerCeFailsToConfigure">docker-ce's postinst exits 1, so apt fails after unpacking everything.</param>
    public FakeDockerRepository(string codename, bool dockerCeFailsToConfigure = false)
    {
        File.SetUnixFileMode(gnupgHome.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Gpg("--passphrase", "", "--quick-gen-key", "Fake Docker Release <docker@sevstack.example.org>", "ed25519", "sign", "never");
        Fingerprint = Gpg("--with-colons", "--list-secret-keys").Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        File.WriteAllText(folder.Combine("gpg"), Gpg("--armor", "--export", Fingerprint));

        var pool = Path.Combine(folder.Path, "pool", "stable", "amd64");
        Directory.CreateDirectory(pool);
        var stanzas = new[]
        {
            Build(pool, "containerd.io", null, "usr/bin/containerd", failingPostinst: false),
            Build(pool, "docker-ce-cli", null, "usr/bin/docker", failingPostinst: false),
            Build(pool, "docker-ce", "docker-ce-cli, containerd.io", "usr/bin/dockerd", dockerCeFailsToConfigure),
        };
        var dist = Path.Combine(folder.Path, "dists", codename);
        Directory.CreateDirectory(Path.Combine(dist, "stable", "binary-amd64"));
        File.WriteAllText(Path.Combine(dist, "stable", "binary-amd64", "Packages"), string.Join("\n", stanzas));
        var release = ReleaseFile.Render(dist, ["stable/binary-amd64/Packages"], new SourceDate(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));
        File.WriteAllText(Path.Combine(dist, "Release"), $"Suite: {codename}\nCodename: {codename}\nComponents: stable\nArchitectures: amd64\n" + release);
        Gpg("--yes", "--local-user", Fingerprint, "--digest-algo", "SHA512", "--clearsign", "--output", Path.Combine(dist, "InRelease"), Path.Combine(dist, "Release"));

        server.MapFallback(request =>
        {
            var file = Path.GetFullPath(Path.Combine(folder.Path, request.Path.TrimStart('/')));
            return file.StartsWith(folder.Path + "/", StringComparison.Ordinal) && File.Exists(file)
                ? LocalHttpResponse.File(request, File.ReadAllBytes(file))
                : LocalHttpResponse.Text(404, "not found");
        });
    }

    /// <summary>The repository's URL, as --docker-repository takes it.</summary>
    public string Url => server.BaseUri.ToString().TrimEnd('/');

    /// <summary>The fingerprint of the key that signs InRelease (and is served as gpg).</summary>
    public string Fingerprint { get; }

    public IReadOnlyList<LocalHttpRequest> Requests => server.Requests;

    string Build(string pool, string name, string? depends, string program, bool failingPostinst)
    {
        var tree = Directory.CreateTempSubdirectory("sevstack-fake-docker-deb-").FullName;
        try
        {
            var control = $"Package: {name}\nVersion: 5:99.0.0-1~debian.12~bookworm\nArchitecture: amd64\nMaintainer: SevStack tests <tests@sevstack.invalid>\n"
                + (depends is null ? "" : $"Depends: {depends}\n") + $"Description: fake {name} for SevStack tests\n";
            Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
            File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"), control);
            if (failingPostinst)
            {
                File.WriteAllText(Path.Combine(tree, "DEBIAN", "postinst"), "#!/bin/sh\necho 'configuration of the fake docker-ce fails on purpose' >&2\nexit 1\n");
                File.SetUnixFileMode(Path.Combine(tree, "DEBIAN", "postinst"), (UnixFileMode)0b111_101_101);
            }
            var programPath = Path.Combine(tree, program);
            Directory.CreateDirectory(Path.GetDirectoryName(programPath)!);
            File.WriteAllText(programPath, $"#!/bin/sh\necho fake {Path.GetFileName(program)}\n");
            File.SetUnixFileMode(programPath, (UnixFileMode)0b111_101_101);
            var deb = Path.Combine(pool, $"{name}_99.0.0-1_amd64.deb");
            Shell.Run("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", tree, deb);
            return PackagesIndex.Stanza(control, deb).Replace("Filename: ./", "Filename: pool/stable/amd64/", StringComparison.Ordinal);
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
}
