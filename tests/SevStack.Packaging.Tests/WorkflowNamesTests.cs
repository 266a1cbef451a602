using System.Text.RegularExpressions;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

/// <summary>
/// Every target the CI workflow's matrix and its .github/ci scripts name, every --name they pass to ./build.sh and every
/// SEVSTACK_ variable they set must exist in the build's approved --help text, so a renamed target or parameter breaks
/// this test instead of CI.
/// </summary>
public sealed partial class WorkflowNamesTests
{
    /// <summary>Names this branch introduces; the lead wires them into the build. Once --help lists them, this may shrink to empty.</summary>
    static readonly HashSet<string> AwaitingWiring = [];

    static readonly string Workflow = Path.Combine(SharedData.RepositoryRoot, ".github", "workflows", "build.yml");
    static readonly string Scripts = Path.Combine(SharedData.RepositoryRoot, ".github", "ci");

    static string WorkflowAndScripts() =>
        string.Join('\n', Directory.GetFiles(Scripts, "*.sh").Order(StringComparer.Ordinal).Append(Workflow).Select(File.ReadAllText));
    static readonly string HelpText = Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Build.Tests", "BuildProgramTests.help.approved.txt");

    [Fact]
    public void Every_target_and_parameter_the_workflow_names_exists_in_the_build()
    {
        var known = HelpNames(File.ReadAllText(HelpText));
        var used = WorkflowNames(WorkflowAndScripts());

        Assert.Contains("PackageDebs", used);
        Assert.Contains("BuildKernel", used);
        Assert.Contains("--print-cache-key", used);
        Assert.Contains("--kernel-config", used);
        var missing = used.Where(name => !known.Contains(name) && !AwaitingWiring.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"{Workflow} names what ./build.sh --help does not list: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Help_parsing_finds_targets_parameters_and_options()
    {
        var known = HelpNames(File.ReadAllText(HelpText));

        Assert.Contains("Test", known);
        Assert.Contains("CheckHost", known);
        Assert.Contains("--sysroot", known);
        Assert.Contains("--verbosity", known);
        Assert.DoesNotContain("Usage", known);
    }

    [Fact]
    public void The_workflow_caches_each_component_by_the_key_the_tool_prints_and_uploads_debs_and_report()
    {
        var text = File.ReadAllText(Workflow);

        Assert.Contains("run: .github/ci/cache-key.sh ${{ matrix.target }}", text);
        Assert.Contains("key: sevstack-${{ matrix.target }}-${{ steps.key.outputs.key }}", text);
        Assert.DoesNotContain("hashFiles(", text);
        Assert.Contains("artifacts/debs", text);
        Assert.Contains("artifacts/manifest.json", text);
        Assert.Contains("artifacts/SHA256SUMS", text);
        Assert.Contains("artifacts/measurements.json", text);
    }

    [Fact]
    public void A_misspelled_target_or_parameter_is_caught()
    {
        var known = HelpNames(File.ReadAllText(HelpText));
        var used = WorkflowNames("      run: ./build.sh PackageDeb --sign-key \"$KEY\" --verbosity=normal\n");

        Assert.Equal(["--sign-key", "PackageDeb"], used.Where(n => !known.Contains(n)).Order(StringComparer.Ordinal));
    }

    /// <summary>Targets (indented capitalised words under "Targets") and every --name the help text lists.</summary>
    internal static HashSet<string> HelpNames(string help)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var inTargets = false;
        foreach (var line in help.Split('\n'))
        {
            if (line.StartsWith("Targets", StringComparison.Ordinal))
                inTargets = true;
            else if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
                inTargets = false;
            if (inTargets && TargetLine().Match(line) is { Success: true } target)
                names.Add(target.Groups[1].Value);
            if (OptionLine().Match(line) is { Success: true } option)
                names.Add(option.Groups[1].Value);
        }
        return names;
    }

    /// <summary>
    /// Targets and --names after ./build.sh on every line that runs it, the matrix's and a bash array's targets, and the
    /// parameters the scripts set as SEVSTACK_ variables (SEVSTACK_KERNEL_CONFIG is --kernel-config).
    /// </summary>
    internal static HashSet<string> WorkflowNames(string workflow)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in workflow.Split('\n'))
        {
            if (line.TrimStart().StartsWith('#'))
                continue;
            foreach (Match variable in ParameterVariable().Matches(line))
                names.Add("--" + variable.Groups[1].Value.ToLowerInvariant().Replace('_', '-'));
            if (TargetList().Match(line) is { Success: true } list)
                names.UnionWith(list.Groups[1].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Where(name => TargetName().IsMatch(name)));
            var start = line.IndexOf("./build.sh", StringComparison.Ordinal);
            if (start < 0 || line.TrimStart().StartsWith('#'))
                continue;
            foreach (var token in line[(start + "./build.sh".Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.StartsWith("--", StringComparison.Ordinal))
                    names.Add(OptionName().Match(token).Value);
                else if (TargetName().IsMatch(token))
                    names.Add(token);
            }
        }
        return names;
    }

    [GeneratedRegex(@"^  ([A-Z][A-Za-z0-9]+)\s")]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"^\s+(--[a-z][a-z0-9-]*)")]
    private static partial Regex OptionLine();

    /// <summary>A parameter given through the environment, set in a script (NAME=) or the workflow's env (NAME:): SEVSTACK_CACHE_DIR is --cache-dir.</summary>
    [GeneratedRegex(@"\bSEVSTACK_([A-Z_]+)(?=[=:])")]
    private static partial Regex ParameterVariable();

    /// <summary>The matrix (target: [A, B]) or a bash array (TARGETS=(A B)) of target names.</summary>
    [GeneratedRegex(@"(?:target: \[|_TARGETS=\()([A-Za-z0-9, ]+)[\])]")]
    private static partial Regex TargetList();

    [GeneratedRegex(@"^--[a-z0-9-]+")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]+$")]
    private static partial Regex TargetName();
}
