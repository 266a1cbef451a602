using System.Text.RegularExpressions;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>build.sh as a user meets it: a fresh clone, a machine without a C compiler, and one without the SDK.</summary>
public class BootstrapperTests
{
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());

    [Fact]
    public async Task A_fresh_clone_bootstrapped_twice_at_once_builds_one_working_program_and_answers_help_and_plan()
    {
        using var temp = new TempDirectory("sevstack-clone");
        var clone = await CloneAsync(temp);
        var bin = Path.Combine(clone, "build", "bin");
        CommandSpec Help() => new(Path.Combine(clone, "build.sh"), "--help") { WorkingDirectory = clone, AllowFailure = true };

        // Two bootstraps at once: in the fresh clone, then three times more from no program (obj/ and NuGet kept, to keep
        // it short), then from an empty program folder beside a current stamp, as a publish killed half-way once left it.
        for (var round = 0; round < 5; round++)
        {
            if (round is > 0 and < 4)
            {
                Directory.Delete(Path.Combine(bin, "program"), recursive: true);
                File.Delete(Path.Combine(bin, ".built-stamp"));
            }
            if (round == 4)
            {
                Directory.Delete(Path.Combine(bin, "program"), recursive: true);
                Directory.CreateDirectory(Path.Combine(bin, "program"));
            }

            var results = await Task.WhenAll(Runner.RunAsync(Help()), Runner.RunAsync(Help()));

            foreach (var result in results)
            {
                Assert.True(result.ExitCode == 0, $"round {round}: {result.StandardError}{result.StandardOutput}");
                Assert.Contains("Targets (dependencies in brackets):", result.StandardOutput);
            }
            Assert.Equal("c-compiler\n", File.ReadAllText(Path.Combine(bin, ".built-stamp")));
            Assert.Empty(Directory.GetFileSystemEntries(bin, "*.new*"));
            Assert.False(File.Exists(Path.Combine(bin, "program", "_build.dll")), "native, not ReadyToRun");
        }

        var help = await Runner.RunAsync(new CommandSpec(Path.Combine(bin, "program", "_build"), "--help") { WorkingDirectory = clone, AllowFailure = true });
        var plan = await Runner.RunAsync(new CommandSpec("bash", Path.Combine(clone, "build.cmd"), "Test", "--plan") { WorkingDirectory = clone, AllowFailure = true });
        var wrong = await Runner.RunAsync(new CommandSpec(Path.Combine(clone, "build.sh"), "Tset") { WorkingDirectory = clone, AllowFailure = true });

        Assert.True(help.ExitCode == 0, help.StandardError + help.StandardOutput);
        Assert.Contains("Targets (dependencies in brackets):", help.StandardOutput);
        Assert.Equal("  1. Test  invoked  [exclusive: apt]\n", plan.StandardOutput);
        Assert.Equal(2, wrong.ExitCode);
        Assert.StartsWith("error: Unknown target 'Tset'.", wrong.StandardError);
    }

    [Fact]
    public async Task Without_a_C_compiler_it_runs_ReadyToRun_and_compiles_natively_once_one_is_installed()
    {
        using var temp = new TempDirectory("sevstack-clone");
        var clone = await CloneAsync(temp);
        var compiler = new Regex(@"^(x86_64-linux-gnu-)?(gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(-[0-9.]+)?$");
        using var bin = ToolsWithout("sevstack-nocc", compiler.IsMatch);
        var program = Path.Combine(clone, "build", "bin", "program");
        var stamp = Path.Combine(clone, "build", "bin", ".built-stamp");

        var withoutCompiler = await Runner.RunAsync(new CommandSpec(Path.Combine(clone, "build.sh"), "--help")
        {
            WorkingDirectory = clone,
            Environment = new Dictionary<string, string?> { ["PATH"] = bin.Path },
            AllowFailure = true,
        });
        Assert.True(withoutCompiler.ExitCode == 0, withoutCompiler.StandardError + withoutCompiler.StandardOutput);
        Assert.Contains("Targets (dependencies in brackets):", withoutCompiler.StandardOutput);
        Assert.Contains("note: no C compiler (gcc or clang) to compile the build program natively, using ReadyToRun", withoutCompiler.StandardError);
        Assert.Equal("no-c-compiler\n", File.ReadAllText(stamp));
        Assert.True(File.Exists(Path.Combine(program, "_build.dll")), "ReadyToRun publishes the program as _build.dll beside its launcher");

        var withCompiler = await Runner.RunAsync(new CommandSpec(Path.Combine(clone, "build.sh"), "--help") { WorkingDirectory = clone, AllowFailure = true });
        Assert.True(withCompiler.ExitCode == 0, withCompiler.StandardError + withCompiler.StandardOutput);
        Assert.Contains("Targets (dependencies in brackets):", withCompiler.StandardOutput);
        Assert.DoesNotContain("note:", withCompiler.StandardError);
        Assert.Equal("c-compiler\n", File.ReadAllText(stamp));
        Assert.False(File.Exists(Path.Combine(program, "_build.dll")), "the native program replaced the ReadyToRun one");
    }

    [Fact]
    public async Task Without_dotnet_it_says_what_to_install()
    {
        using var bin = ToolsWithout("sevstack-nodotnet", name => name == "dotnet");

        var result = await Runner.RunAsync(new CommandSpec("/bin/bash", Path.Combine(SharedData.RepositoryRoot, "build.sh"), "--help")
        {
            Environment = new Dictionary<string, string?> { ["PATH"] = bin.Path },
            AllowFailure = true,
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: the .NET SDK 10.0 is not installed", result.StandardError);
        Assert.Contains("apt-get install dotnet-sdk-10.0", result.StandardError);
    }

    static async Task<string> CloneAsync(TempDirectory temp)
    {
        var clone = temp.Combine("repo");
        await Runner.RunAsync(new CommandSpec("git", "clone", "-q", SharedData.RepositoryRoot, clone));
        return clone;
    }

    /// <summary>A folder to use as PATH: links to every program in /usr/bin except the hidden ones.</summary>
    static TempDirectory ToolsWithout(string prefix, Func<string, bool> hidden)
    {
        var bin = new TempDirectory(prefix);
        foreach (var tool in Directory.GetFiles("/usr/bin").Where(t => !hidden(Path.GetFileName(t))))
            File.CreateSymbolicLink(Path.Combine(bin.Path, Path.GetFileName(tool)), tool);
        return bin;
    }
}
