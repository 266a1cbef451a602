using SevStack.Engine.Processes;

namespace SevStack.Components.Tests.E2E;

/// <summary>
/// The real Debian sources and build folders of the E2E suite: <c>$SEVSTACK_E2E_WORK</c>, else
/// <c>/var/tmp/sevstack-e2e</c>. Sources are fetched once with an isolated apt state (this machine's /etc is not touched),
/// so reruns reuse them. Needs root for <c>apt-get install linux-source-6.1</c> when it is not installed.
/// </summary>
static class E2EWorkspace
{
    public static string Root { get; } = Environment.GetEnvironmentVariable("SEVSTACK_E2E_WORK") is { Length: > 0 } w ? w : "/var/tmp/sevstack-e2e";
    public static string Sources => Path.Combine(Root, "src");
    public static string Builds => Path.Combine(Root, "build");
    public static string Logs => Path.Combine(Root, "logs");

    /// <summary>The date the fixtures stamp into builds (the sources stage provides the real one).</summary>
    public static DateTimeOffset SourceDate { get; } = new(2025, 5, 20, 0, 0, 0, TimeSpan.Zero);

    static readonly SemaphoreSlim FetchLock = new(1, 1);

    public static FileBuildLog Log(string name) => new(Path.Combine(Logs, name + ".log"));

    public static async Task<string> LinuxAsync() => await FindOrFetchAsync(Path.Combine("linux"), "linux-source-*");
    public static async Task<string> QemuAsync() => await FindOrFetchAsync("", "qemu-*");
    public static async Task<string> Edk2Async() => await FindOrFetchAsync("", "edk2-*");

    static async Task<string> FindOrFetchAsync(string under, string pattern)
    {
        await FetchLock.WaitAsync();
        try
        {
            if (Find(under, pattern) is { } found)
                return found;
            using var log = Log("fetch-sources");
            await FetchAsync(new CliWrapCommandRunner(log, Privilege.Detect()));
            return Find(under, pattern) ?? throw new InvalidOperationException($"no {pattern} under {Path.Combine(Sources, under)} after fetching; see {log.FilePath}");
        }
        finally
        {
            FetchLock.Release();
        }
    }

    static string? Find(string under, string pattern)
    {
        var folder = Path.Combine(Sources, under);
        return Directory.Exists(folder) ? Directory.GetDirectories(folder, pattern).Order().LastOrDefault() : null;
    }

    static async Task FetchAsync(ICommandRunner runner)
    {
        var apt = Path.Combine(Root, "apt");
        foreach (var dir in new[] { "lists/partial", "cache/archives/partial", "parts" })
            Directory.CreateDirectory(Path.Combine(apt, dir));
        Directory.CreateDirectory(Sources);
        var sourceList = Path.Combine(apt, "sources.list");
        File.WriteAllLines(sourceList, DebSrcLines("/etc/apt/sources.list.d/debian.sources"));
        string[] isolated =
        [
            "-o", "Dir::Etc::SourceList=" + sourceList, "-o", "Dir::Etc::SourceParts=" + Path.Combine(apt, "parts"),
            "-o", "Dir::State::Lists=" + Path.Combine(apt, "lists"), "-o", "Dir::Cache=" + Path.Combine(apt, "cache"),
        ];
        await runner.RunAsync(new CommandSpec("apt-get", [.. isolated, "update"]));
        await runner.RunAsync(new CommandSpec("apt-get", [.. isolated, "source", "qemu", "edk2"]) { WorkingDirectory = Sources });
        const string linuxTarball = "/usr/src/linux-source-6.1.tar.xz";
        if (!File.Exists(linuxTarball))
            await runner.RunAsync(new CommandSpec("apt-get", "install", "-y", "--no-install-recommends", "linux-source-6.1") { NeedsRoot = true });
        Directory.CreateDirectory(Path.Combine(Sources, "linux"));
        await runner.RunAsync(new CommandSpec("tar", "-C", Path.Combine(Sources, "linux"), "-xf", linuxTarball));
    }

    /// <summary>deb-src lines for every deb822 stanza of the machine's own sources.</summary>
    static IEnumerable<string> DebSrcLines(string deb822File)
    {
        foreach (var stanza in File.ReadAllText(deb822File).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = stanza.Split('\n')
                .Where(l => !l.StartsWith('#') && l.Contains(':'))
                .Select(l => l.Split(':', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
            if (!fields.TryGetValue("URIs", out var uris) || !fields.TryGetValue("Suites", out var suites))
                continue;
            var components = fields.GetValueOrDefault("Components", "main");
            foreach (var uri in uris.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                foreach (var suite in suites.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    yield return $"deb-src {uri} {suite} {components}";
        }
    }
}
