using SevStack.Toolkit.Processes;
using SevStack.Packaging.Apt;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

/// <summary>A signing key without passphrase in its own temporary GNUPGHOME; this machine's keyrings are never used.</summary>
public sealed class ThrowawayGpgKey : IDisposable
{
    readonly TempDirectory home = new("sevstack-gnupg");

    ThrowawayGpgKey(AptSigningKey key) => Key = key;

    public AptSigningKey Key { get; private set; }

    public static async Task<ThrowawayGpgKey> CreateAsync()
    {
        var created = new ThrowawayGpgKey(new AptSigningKey("", null));
        File.SetUnixFileMode(created.home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?> { ["GNUPGHOME"] = created.home.Path };
        var runner = Tools.Runner();
        await runner.RunAsync(new CommandSpec("gpg", "--batch", "--passphrase", "", "--quick-gen-key", "SevStack Test Archive <archive@sevstack.example.org>", "ed25519", "sign", "never")
        { Environment = environment });
        var listing = await runner.RunAsync(new CommandSpec("gpg", "--batch", "--with-colons", "--list-secret-keys") { Environment = environment, IsQuery = true });
        var fingerprint = listing.StandardOutput.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        created.Key = new AptSigningKey(fingerprint, created.home.Path);
        return created;
    }

    public void Dispose()
    {
        // gpg-agent keeps a socket in the home folder; stop it so the folder can go.
        Tools.Runner().RunAsync(new CommandSpec("gpgconf", "--kill", "gpg-agent")
        {
            Environment = new Dictionary<string, string?> { ["GNUPGHOME"] = home.Path },
            AllowFailure = true,
        }).GetAwaiter().GetResult();
        home.Dispose();
    }
}
