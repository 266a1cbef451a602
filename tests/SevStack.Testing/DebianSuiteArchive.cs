using System.Security.Cryptography;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Testing;

/// <summary>
/// One suite of Debian's archive (e.g. trixie) read by apt into lists of its own under a cache folder, leaving this
/// machine's apt alone: the InRelease signature is checked against Debian's archive keyring, and every downloaded
/// .deb against the SHA256 its signed Packages index gives.
/// </summary>
public sealed class DebianSuiteArchive
{
    readonly ICommandRunner runner;

    DebianSuiteArchive(ICommandRunner runner, string suite, string[] aptOptions) =>
        (this.runner, Suite, AptOptions) = (runner, suite, aptOptions);

    public string Suite { get; }

    /// <summary>The <c>-o</c> options that point apt-get and apt-cache at this suite's own lists.</summary>
    public IReadOnlyList<string> AptOptions { get; }

    public static async Task<DebianSuiteArchive> OpenAsync(ICommandRunner runner, string folder, string suite, CancellationToken cancellationToken = default)
    {
        var sources = Path.Combine(folder, "sources.list");
        File.WriteAllText(sources, $"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian {suite} main\n");
        Directory.CreateDirectory(Path.Combine(folder, "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(folder, "cache", "archives", "partial"));
        string[] options =
        [
            "-o", $"Dir::Etc::sourcelist={sources}", "-o", "Dir::Etc::sourceparts=-", "-o", $"Dir::State::Lists={Path.Combine(folder, "lists")}",
            "-o", $"Dir::Cache={Path.Combine(folder, "cache")}", "-o", "Dir::State::status=/dev/null", "-o", "APT::Get::List-Cleanup=0",
        ];
        await runner.RunAsync(new CommandSpec("apt-get", [.. options, "update"]), cancellationToken);
        return new DebianSuiteArchive(runner, suite, options);
    }

    /// <summary>Downloads <paramref name="package"/>'s candidate into <paramref name="folder"/> (replacing an older one there) and checks it against the Packages index.</summary>
    /// <returns>The verified .deb.</returns>
    /// <exception cref="BuildException">The file's SHA256 is not the one the signed index gives.</exception>
    public async Task<string> DownloadAsync(string package, string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        foreach (var older in Directory.GetFiles(folder, $"{package}_*.deb"))
            File.Delete(older);
        var record = await runner.RunAsync(new CommandSpec("apt-cache", [.. AptOptions, "show", "--no-all-versions", package]) { IsQuery = true }, cancellationToken);
        var fields = record.StandardOutput.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1].Trim());
        var expected = fields["SHA256"].Single();
        await runner.RunAsync(new CommandSpec("apt-get", [.. AptOptions, "download", package]) { WorkingDirectory = folder }, cancellationToken);
        // apt names the file package_version_arch.deb (an epoch written %3a), unlike the pool's Filename.
        var deb = Directory.GetFiles(folder, $"{package}_*.deb").Single();
        using (var stream = File.OpenRead(deb))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (actual != expected)
                throw new BuildException($"{deb} has SHA256 {actual}, but {Suite}'s Packages index says {expected}");
        }
        return deb;
    }
}
