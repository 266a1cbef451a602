using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>What differs between two builds of the same package: the files whose content differs, with the start of each diff.</summary>
public static class PackageDifference
{
    public static async Task<string> DescribeAsync(string beforeDeb, string afterDeb)
    {
        using var temp = new TempDirectory("sevstack-debdiff");
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        foreach (var (deb, folder) in new[] { (beforeDeb, "before"), (afterDeb, "after") })
            await runner.RunAsync(new CommandSpec("dpkg-deb", "-R", deb, temp.Combine(folder)));
        var listing = await runner.RunAsync(new CommandSpec("diff", "-rq", "before", "after") { WorkingDirectory = temp.Path, AllowFailure = true });
        var report = new List<string> { $"{Path.GetFileName(afterDeb)} differs:", listing.StandardOutput.Trim() };
        var contents = await runner.RunAsync(new CommandSpec("diff", "-r", "-u", "--text", "before", "after") { WorkingDirectory = temp.Path, AllowFailure = true });
        report.AddRange(contents.StandardOutput.Split('\n').Take(80));
        var timestamps = await runner.RunAsync(new CommandSpec("bash", "-c", "diff <(dpkg-deb -c \"$1\") <(dpkg-deb -c \"$2\") | head -40", "_", beforeDeb, afterDeb) { AllowFailure = true });
        report.Add("listing (owners, modes, mtimes):");
        report.Add(timestamps.StandardOutput);
        return string.Join('\n', report);
    }
}
