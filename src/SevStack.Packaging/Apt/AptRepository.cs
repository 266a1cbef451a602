using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Packaging.Control;
using SevStack.Packaging.Docs;

namespace SevStack.Packaging.Apt;

/// <summary>
/// A flat apt repository ("deb [signed-by=...] file:/path ./"): the given .debs, Packages, Packages.gz, Release,
/// and with a key InRelease plus the public keyring. Everything from an earlier run is replaced.
/// </summary>
public sealed class AptRepository(ICommandRunner runner)
{
    public const string KeyringFileName = "sevstack-archive-keyring.gpg";

    public async Task PublishAsync(string folder, IReadOnlyList<string> debPaths, SourceDate date, AptSigningKey? signingKey, CancellationToken cancellationToken = default)
    {
        if (signingKey is not null)
            await CheckKeyAsync(signingKey, cancellationToken).ConfigureAwait(false);
        if (runner.IsDryRun)
            return;

        Directory.CreateDirectory(folder);
        RemoveEarlierContent(folder);

        var fields = new DebFields(runner);
        var stanzas = new List<(string Name, string Version, string Text)>();
        foreach (var deb in debPaths)
        {
            var copy = Path.Combine(folder, Path.GetFileName(deb));
            File.Copy(deb, copy, overwrite: true);
            var control = await fields.ControlTextAsync(copy, cancellationToken).ConfigureAwait(false);
            var simple = DebFields.ParseSimpleFields(control);
            stanzas.Add((simple["Package"], simple["Version"], PackagesIndex.Stanza(control, copy)));
        }
        var packages = string.Join("\n", stanzas
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Version, StringComparer.Ordinal)
            .Select(s => s.Text));
        AtomicFile.WriteAllText(Path.Combine(folder, "Packages"), packages);
        await runner.RunAsync(new CommandSpec("gzip", "-9nkf", "Packages") { WorkingDirectory = folder }, cancellationToken).ConfigureAwait(false);
        AtomicFile.WriteAllText(Path.Combine(folder, "Release"), ReleaseFile.Render(folder, ["Packages", "Packages.gz"], date));

        if (signingKey is not null)
            await SignAsync(folder, signingKey, cancellationToken).ConfigureAwait(false);
    }

    static void RemoveEarlierContent(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".deb", StringComparison.Ordinal) || name is "Packages" or "Packages.gz" or "Release" or "InRelease" or KeyringFileName)
                File.Delete(file);
        }
    }

    async Task CheckKeyAsync(AptSigningKey key, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Gpg(key, "--list-secret-keys", "--", key.KeyId) with { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new BuildException($"Signing key '{key.KeyId}' has no secret key in {key.GnuPgHome ?? "the default GNUPGHOME"}: import it with gpg --import, or pass the right --signing-key.");
    }

    async Task SignAsync(string folder, AptSigningKey key, CancellationToken cancellationToken)
    {
        await runner.RunAsync(Gpg(key, "--yes", "--local-user", key.KeyId, "--digest-algo", "SHA512", "--clearsign", "--output", "InRelease", "Release")
            with { WorkingDirectory = folder }, cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(Gpg(key, "--yes", "--output", KeyringFileName, "--export", "--", key.KeyId)
            with { WorkingDirectory = folder }, cancellationToken).ConfigureAwait(false);
    }

    static CommandSpec Gpg(AptSigningKey key, params string[] arguments) => new("gpg", ["--batch", .. arguments])
    {
        Environment = key.GnuPgHome is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["GNUPGHOME"] = key.GnuPgHome },
    };
}
