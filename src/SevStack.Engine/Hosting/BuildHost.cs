using System.Diagnostics;
using System.Runtime.InteropServices;
using SevStack.Engine.Caching;
using SevStack.Engine.Cli;
using SevStack.Engine.Execution;
using SevStack.Engine.Files;
using SevStack.Engine.Output;
using SevStack.Engine.Parameters;
using SevStack.Engine.Planning;
using SevStack.Engine.Processes;
using SevStack.Engine.Targets;
using Spectre.Console;

namespace SevStack.Engine.Hosting;

/// <summary>Command line → parameters → targets → plan → run → summary. Exit codes: 0, 1 failed, 2 usage, 130 interrupted.</summary>
public static class BuildHost
{
    public const int Success = 0, TargetFailed = 1, UsageError = 2, Interrupted = 130;

    public static int Execute<T>(string[] args, HostSettings settings) where T : BuildBase, new()
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupt.Cancel(); });
        return RunAsync(new T(), args, settings, HostEnvironment.FromProcess(), interrupt.Token).GetAwaiter().GetResult();
    }

    public static async Task<int> RunAsync(BuildBase build, IReadOnlyList<string> args, HostSettings settings, HostEnvironment environment, CancellationToken interrupt)
    {
        try
        {
            return await RunCheckedAsync(build, args, settings, environment, interrupt).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            environment.Out.WriteLine("error: " + e.Message);
            return UsageError;
        }
    }

    static async Task<int> RunCheckedAsync(BuildBase build, IReadOnlyList<string> args, HostSettings settings, HostEnvironment environment, CancellationToken interrupt)
    {
        var members = ParameterMember.Discover(build);
        var commandLine = CommandLineParser.Parse(args, KnownOptions(members));
        var root = RootDirectoryLocator.Find(commandLine.Value("root"), environment.WorkingDirectory);
        var profiles = commandLine.Values("profile") ?? settings.DefaultProfiles;
        var engineOptions = EngineOption.All.Select(o => ParsedCommandLine.Normalize(o.Name)).ToHashSet();
        var parameterOptions = commandLine.Options.Where(o => !engineOptions.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value);
        var resolved = new ParameterResolver(parameterOptions, environment.Variables, ParameterFiles.Load(root, profiles)).Resolve(build, members);

        build.RootDirectory = root;
        build.Profiles = profiles;
        build.IsDryRun = commandLine.Flag("dry-run");
        build.CacheDirectory = commandLine.Value("cache-dir") is { } cacheDir
            ? Path.GetFullPath(cacheDir, environment.WorkingDirectory)
            : CacheSettings.DefaultDirectory(environment.Variables, build.ArtifactsDirectory);
        var targets = TargetCollection.FromBuild(build);

        if (commandLine.Flag("help"))
        {
            WriteSchema(root, targets, members);
            environment.Out.Write(HelpText.Render(settings.Usage, targets, settings.DefaultTarget, resolved));
            return Success;
        }

        var invokedNames = commandLine.Targets.Concat(commandLine.Values("target") ?? []).ToList();
        if (invokedNames.Count == 0)
            invokedNames = settings.DefaultTarget is { } d ? [d] : throw new UsageException("No target given: name one (see --help)");
        var plan = ExecutionPlanner.Plan(targets, invokedNames);
        build.InvokedTargets = plan.Invoked.Select(t => t.Name).ToList();

        if (commandLine.Has("plan"))
        {
            environment.Out.Write(commandLine.Values("plan") is ["mermaid"] ? PlanText.Mermaid(plan) : PlanText.Ordered(plan));
            return Success;
        }

        var options = new ExecutionOptions
        {
            Parallelism = ParseParallel(commandLine.Value("parallel")),
            SkippedTargets = SkippedTargets(commandLine, targets, plan),
            Cache = commandLine.Flag("no-cache") || build.IsDryRun ? null : new BuildCache(new CacheSettings(build.CacheDirectory)
            {
                RebuildTargets = (commandLine.Values("rebuild") ?? []).Select(n => ExecutionPlanner.Resolve(targets, n).Name).ToHashSet(StringComparer.Ordinal),
            }),
        };
        var verbosity = ParseVerbosity(commandLine.Value("verbosity"));
        var secrets = resolved.Where(p => p.Member.IsSecret && p.Value is string { Length: > 0 }).Select(p => (string)p.Value!).ToList();
        var strategy = settings.Strategy ?? (build.IsDryRun ? new DryRunExecutionStrategy(Privilege.Detect()) : new RealExecutionStrategy(Privilege.Detect()));
        var gitHubActions = environment.Variables.GetValueOrDefault("GITHUB_ACTIONS") == "true";
        var color = !environment.Variables.ContainsKey("NO_COLOR") && !commandLine.Flag("no-color") && environment.IsTerminal;
        var console = TextRendering.CreateConsole(environment.Out, color, environment.IsTerminal, environment.IsTerminal ? null : 10_000);

        // One build at a time per artifacts folder: another one would restore or rewrite outputs this one reads.
        using var artifactsLock = build.IsDryRun ? null : await FileLock.AcquireAsync(
            Path.Combine(build.ArtifactsDirectory, ".build.lock"), "the artifacts folder", environment.Out.WriteLine, interrupt).ConfigureAwait(false);
        using var reporter = new ConsoleReporter(console, Path.Combine(build.ArtifactsDirectory, "logs"), verbosity, gitHubActions, secrets);
        reporter.StartStatusLine(environment.IsTerminal, environment.IsTerminal ? TimeSpan.FromSeconds(1) : settings.StatusInterval);
        var clock = Stopwatch.StartNew();
        await new BuildExecutor(strategy, reporter, options).RunAsync(plan, interrupt).ConfigureAwait(false);
        clock.Stop();
        reporter.Dispose();

        if (commandLine.Flag("explain") && options.Cache is { } cache)
            console.Write(new Text(ExplainText.Render(cache.Outcomes)));

        var interrupted = interrupt.IsCancellationRequested;
        var succeeded = !interrupted && plan.Targets.All(t => t.Status is not (TargetStatus.Failed or TargetStatus.Aborted));
        WriteOutcome(console, reporter.Problems, plan, clock.Elapsed, succeeded, interrupted, verbosity);
        return interrupted ? Interrupted : succeeded ? Success : TargetFailed;
    }

    static void WriteOutcome(IAnsiConsole console, IReadOnlyList<string> problems, ExecutionPlan plan, TimeSpan total, bool succeeded, bool interrupted, Verbosity verbosity)
    {
        if (problems.Count > 0)
        {
            console.WriteLine();
            console.Write(new Text("Errors and warnings:" + Environment.NewLine, new Style(decoration: Decoration.Bold)));
            foreach (var problem in problems)
                console.Write(new Text("  " + problem.Replace("\n", "\n  ", StringComparison.Ordinal) + Environment.NewLine, new Style(problem.Contains(": warning: ", StringComparison.Ordinal) ? Color.Yellow : Color.Red)));
        }
        if (verbosity > Verbosity.Quiet)
            console.Write(SummaryTable.Build(plan.Targets, total));
        console.Write(new Text(SummaryTable.FinalLine(succeeded, interrupted, total) + Environment.NewLine, new Style(succeeded ? Color.Green : Color.Red)));
    }

    static Dictionary<string, OptionShape> KnownOptions(IReadOnlyList<ParameterMember> members)
    {
        var known = EngineOption.All.ToDictionary(o => ParsedCommandLine.Normalize(o.Name), o => new OptionShape("--" + o.Name, o.Arity, o.Choices));
        foreach (var member in members)
        {
            var shape = new OptionShape(member.FlagName, member.IsFlag ? OptionArity.Flag : member.IsList ? OptionArity.Many : OptionArity.One);
            if (!known.TryAdd(member.NormalizedName, shape))
                throw new UsageException($"Parameter {member.Name} clashes with the engine option {member.FlagName}: rename it");
        }
        return known;
    }

    static IReadOnlySet<ExecutableTarget> SkippedTargets(ParsedCommandLine commandLine, TargetCollection targets, ExecutionPlan plan) =>
        commandLine.Values("skip") switch
        {
            null => new HashSet<ExecutableTarget>(),
            [] => plan.Targets.Except(plan.Invoked).ToHashSet(),
            var names => names.Select(n => ExecutionPlanner.Resolve(targets, n)).ToHashSet(),
        };

    static int ParseParallel(string? value) =>
        value is null ? 1 : int.TryParse(value, out var n) && n >= 1 ? n : throw new UsageException($"--parallel {value}: expects a whole number of at least 1");

    static Verbosity ParseVerbosity(string? value) =>
        value is null ? Verbosity.Normal : Enum.TryParse<Verbosity>(value, ignoreCase: true, out var v) ? v : throw new UsageException($"--verbosity {value}: use quiet, minimal, normal or verbose");

    static void WriteSchema(string root, TargetCollection targets, IReadOnlyList<ParameterMember> members)
    {
        var path = Path.Combine(root, ".nuke", "build.schema.json");
        var schema = SchemaWriter.Render(targets, members);
        if (!File.Exists(path) || File.ReadAllText(path) != schema)
            AtomicFile.WriteAllText(path, schema);
    }
}
