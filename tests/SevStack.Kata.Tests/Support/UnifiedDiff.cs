using SevStack.Toolkit.Processes;

namespace SevStack.Kata.Tests.Support;

/// <summary>`diff -u` of two texts, run through the engine's command runner, without the header's temp paths.</summary>
static class UnifiedDiff
{
    public static async Task<string> OfAsync(string before, string after)
    {
        var folder = Directory.CreateTempSubdirectory("sevstack-diff-").FullName;
        try
        {
            var a = Path.Combine(folder, "a");
            var b = Path.Combine(folder, "b");
            await File.WriteAllTextAsync(a, before);
            await File.WriteAllTextAsync(b, after);
            var runner = new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true));
            var result = await runner.RunAsync(new CommandSpec("diff", "-u", "--label", "before", "--label", "after", a, b)
            {
                IsQuery = true,
                AllowFailure = true,
            });
            Assert.True(result.ExitCode is 0 or 1, $"diff failed: {result.StandardError}");
            return result.StandardOutput;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
