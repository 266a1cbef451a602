using System.Diagnostics;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// A repository root for the real end-to-end suite: <c>$SEVSTACK_E2E_ROOT</c>, else <c>/var/tmp/sevstack-e2e/repo</c>,
/// with this repository's .nuke, patches and lock copied in, and its own output cache beside it. Sources are the
/// distribution's (apt-get source qemu edk2, linux-source-6.1), so the first run on a machine builds everything and
/// later runs are cache hits or incremental. Every run's wall time is appended to <c>times.log</c> beside the root.
/// </summary>
public sealed class RealStack
{
    public RealStack()
    {
        Root = E2ERepositoryRoot.Prepare("SEVSTACK_E2E_ROOT", "/var/tmp/sevstack-e2e/repo");
        CacheDirectory = Path.Combine(Path.GetDirectoryName(Root)!, "cache");
        Chain = new Lazy<Task<(int Exit, string Output)>>(() => RunAsync("chain", "PackageDebs", "SmokeBoot"));
    }

    public string Root { get; }
    public string CacheDirectory { get; }
    public string Artifacts => Path.Combine(Root, "artifacts");
    public string Out(string target) => Path.Combine(Artifacts, "work", "out", target);

    /// <summary>The main chain (<c>./build.sh PackageDebs SmokeBoot --kernel-config tinyconfig</c>), run once per test run.</summary>
    public Lazy<Task<(int Exit, string Output)>> Chain { get; }

    public async Task<(int Exit, string Output)> RunAsync(string label, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var result = await BuildProgram.Run([.. args, "--kernel-config", "tinyconfig", "--root", Root, "--cache-dir", CacheDirectory, "--no-color"]);
        File.AppendAllText(Path.Combine(Path.GetDirectoryName(Root)!, "times.log"),
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z {label} ({string.Join(' ', args)}): {clock.Elapsed:mm\\:ss\\.f} exit {result.Exit}\n");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Root)!, $"{label}.out"), result.Output);
        return result;
    }

    /// <summary>The summary table's row of a target, wrapped note joined (<see cref="SummaryRows.Row"/>).</summary>
    public static string SummaryLine(string output, string target) => SummaryRows.Row(output, target);
}
