using System.Text.RegularExpressions;
using SevStack.Engine.Cli;
using SevStack.Engine.Parameters;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// A hint is only as good as the flag it names: every <c>--flag</c> in a message of src/ and build/ must be one the
/// build program takes (a parameter of the real Build or an engine option), unless the message is quoting another
/// program's command line.
/// </summary>
public sealed partial class HintFlagTests
{
    /// <summary>Programs whose own flags messages quote ("run gpg --show-keys", "docker run --rm").</summary>
    static readonly string[] ForeignCommands = ["apt-get", "dpkg-deb", "busybox", "gpg", "git", "docker run", "dotnet test", "sevstack-launch-qemu"];

    /// <summary>Other programs' flags that messages name without their command in front; each with its program.</summary>
    static readonly Dictionary<string, string> ForeignFlags = new(StringComparer.Ordinal)
    {
        ["--version"] = "QEMU ({qemuBinary} --version)",
        ["--enable-kvm"] = "QEMU's configure",
        ["--default-runtime"] = "dockerd (a flag in the user's docker.service)",
        ["--add-runtime"] = "dockerd (the seed's drop-in registers runtimes with it)",
        ["--kata-config"] = "kata-runtime (Kata 1.x's flag naming its configuration file)",
        ["--options"] = "the [--options] placeholder of the usage line",
        ["--uninstall"] = "the generated installer (sudo ./install.sh --uninstall)",
    };

    static IReadOnlySet<string> BuildProgramFlags() =>
        ParameterMember.Discover(new Build()).Select(p => p.FlagName).Concat(EngineOption.All.Select(o => "--" + o.Name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Each <c>--flag</c> of a message-like literal (one with a space in it) that is not quoting another program.</summary>
    static IEnumerable<(string File, string Flag, string Literal)> MessageFlags()
    {
        var root = SharedData.RepositoryRoot;
        var files = new[] { "src", "build" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        foreach (var file in files)
            foreach (Match literal in StringLiteral().Matches(File.ReadAllText(file)))
            {
                var text = literal.Groups[1].Value;
                if (!text.Contains(' ', StringComparison.Ordinal))
                    continue; // a lone argument of a tool's command line ("--version"), not a sentence
                foreach (Match flag in FlagPattern().Matches(text))
                {
                    var before = text[..flag.Index];
                    var clause = before[(before.LastIndexOfAny([';', ':', ',', '(', '\'', '.']) + 1)..];
                    var quotesAProgram = ForeignCommands.Any(c => clause.Contains(c + " ", StringComparison.Ordinal));
                    var assignsAValue = text.Length > flag.Index + flag.Length && text[flag.Index + flag.Length] == '=';
                    if (!quotesAProgram && !assignsAValue)
                        yield return (Path.GetRelativePath(root, file), flag.Value, text);
                }
            }
    }

    [Fact]
    public void Every_flag_a_message_names_is_a_flag_of_the_build_program()
    {
        var known = BuildProgramFlags();
        var found = MessageFlags().ToList();

        Assert.Contains(found, f => f.Flag == "--sev-level");
        var unknown = found.Where(f => !known.Contains(f.Flag) && !ForeignFlags.ContainsKey(f.Flag))
            .Select(f => $"{f.File}: {f.Flag} in \"{f.Literal}\"").Distinct().ToList();
        Assert.True(unknown.Count == 0, "messages name flags the build program does not take:\n" + string.Join('\n', unknown));
        Assert.All(ForeignFlags.Keys, f => Assert.True(found.Any(m => m.Flag == f) || known.Contains(f), $"{f} is no longer named; drop it from ForeignFlags"));
    }

    [Fact]
    public void Every_flag_the_launcher_script_names_is_one_of_its_options()
    {
        var script = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "src", "SevStack.Launch", "Qemu", "sevstack-launch-qemu.sh"));
        var options = ScriptOption().Matches(script).SelectMany(m => FlagPattern().Matches(m.Groups[1].Value).Select(f => f.Value)).ToHashSet(StringComparer.Ordinal);
        var messages = ScriptMessage().Matches(script).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("--policy", options);
        Assert.NotEmpty(messages);
        var unknown = messages.SelectMany(m => FlagPattern().Matches(m).Select(f => (f.Value, m))).Where(f => !options.Contains(f.Value)).ToList();
        Assert.True(unknown.Count == 0, "sevstack-launch-qemu names options it does not take:\n" + string.Join('\n', unknown));
    }

    /// <summary>"use --sev-level sev-es for …, or --sev-policy 0x1 for …": each alternative as the arguments it adds.</summary>
    static IReadOnlyList<string[]> Alternatives(string hint) =>
        [.. FlagWithValue().Matches(hint.Split("; use ")[1]).Select(m => new[] { m.Groups[1].Value, m.Groups[2].Value })];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Following_the_sev_policy_hint_clears_the_error(bool native)
    {
        using var repository = new TempDirectory("sevstack-hint");
        string[] launch = ["Launch", "--guest-disk", repository.Combine("guest.qcow2"), "--cbit-position", "51", "--print", "--no-cache"];

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, [.. launch, "--sev-policy", "0x5"]);

        Assert.NotEqual(0, exit);
        var hint = output.Split('\n').First(l => l.Contains("plain SEV was requested", StringComparison.Ordinal));
        var alternatives = Alternatives(hint);
        Assert.Equal([["--sev-level", "sev-es"], ["--sev-policy", "0x1"]], alternatives);
        foreach (var alternative in alternatives)
        {
            string[] followed = alternative[0] == "--sev-policy" ? [.. launch, .. alternative] : [.. launch, "--sev-policy", "0x5", .. alternative];
            var (fixedExit, fixedOutput) = await BuildProgram.RunIsolated(repository, native, followed);
            Assert.True(fixedExit == 0, $"{string.Join(' ', alternative)} did not clear the error:\n{fixedOutput}");
            Assert.Contains("policy=0x", fixedOutput);
        }
    }

    [GeneratedRegex(@"(?<![\w-])(--[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s+([a-z0-9][a-z0-9x-]*)")]
    private static partial Regex FlagWithValue();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")]
    private static partial Regex FlagPattern();

    /// <summary>A C# string literal on one line (regular, interpolated or verbatim), escaped quotes included.</summary>
    [GeneratedRegex(@"(?:\$@|@\$|\$|@)?""((?:[^""\\\n]|\\.|"""")*)""")]
    private static partial Regex StringLiteral();

    /// <summary>The case arms of the script's option parser: <c>--sev-es)</c>, <c>--policy | --mem | … )</c>.</summary>
    [GeneratedRegex(@"^\s*((?:-h \| )?--[a-z-]+(?:\s*\|\s*\\?\s*--[a-z-]+)*)\)", RegexOptions.Multiline)]
    private static partial Regex ScriptOption();

    [GeneratedRegex(@"die ""([^""]*)""")]
    private static partial Regex ScriptMessage();
}
