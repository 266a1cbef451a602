using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SevStack.Engine.Caching;
using SevStack.Engine.Caching.Remote;
using SevStack.Engine.Cli;
using SevStack.Engine.Execution;
using SevStack.Toolkit.Files;
using SevStack.Engine.Output;
using SevStack.Engine.Parameters;
using SevStack.Engine.Planning;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Reflection;
using SevStack.Engine.Targets;

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
            environment.Error.WriteLine("error: " + OneLine(e.Message));
            return UsageError;
        }
    }

    /// <summary>A usage error is one line even when it quotes a value holding a newline or another control character.</summary>
    static string OneLine(string message) =>
        string.Concat(message.Select(c => char.IsControl(c) ? c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:x4}" } : c.ToString()));

    static async Task<int> RunCheckedAsync(BuildBase build, IReadOnlyList<string> args, HostSettings settings, HostEnvironment environment, CancellationToken interrupt)
    {
        var members = ParameterMember.Discover(build);
        var variables = new ParameterEnvironment(environment.Variables);
        var commandLine = EngineOptionValues.Resolve(CommandLineParser.Parse(args, KnownOptions(members)), variables);
        var root = RootDirectoryLocator.Find(commandLine.Value("root"), environment.WorkingDirectory);
        var profiles = commandLine.Values("profile")
            ?? settings.DefaultProfiles.Where(p => File.Exists(Path.Combine(root, ".nuke", $"parameters.{p}.json"))).ToList();
        (commandLine, var parameterFiles) = EngineOptionValues.FromFiles(commandLine, ParameterFiles.Load(root, profiles));
        var engineOptions = EngineOption.All.Select(o => ParsedCommandLine.Normalize(o.Name)).ToHashSet();
        var parameterOptions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in commandLine.Options)
            if (!engineOptions.Contains(name))
                parameterOptions[name] = values;
        var resolved = new ParameterResolver(parameterOptions, variables, parameterFiles).Resolve(members);

        var run = build.Run;
        run.RootDirectory = root;
        run.Profiles = profiles;
        run.IsDryRun = commandLine.Flag("dry-run");
        run.CacheDirectory = commandLine.Value("cache-dir") is { } cacheDir
            ? Path.GetFullPath(cacheDir, environment.WorkingDirectory)
            : CacheSettings.DefaultDirectory(environment.Variables, run.ArtifactsDirectory);
        run.RemoteCache = RemoteCacheSettings.FromOptions(commandLine.Value("cache-url"), commandLine.Value("cache-header"), commandLine.Flag("cache-read-only"), environment.Variables);
        run.Modules = BuildModules.Of(build);
        var targets = TargetCollection.FromBuild(build);
        var invokedNames = commandLine.Targets.Concat(commandLine.Values("target") ?? []).ToList();
        ResolveTargets(invokedNames, targets);
        var skippedByName = ResolveTargets(commandLine.Values("skip") ?? ParameterFiles.Skip(parameterFiles), targets);
        var rebuilt = ResolveTargets(commandLine.Values("rebuild"), targets);

        if (commandLine.Flag("help"))
        {
            WriteSchema(root, build, targets, members);
            environment.Out.Write(HelpText.Render(settings.Usage, targets, settings.DefaultTarget, resolved));
            return Success;
        }

        if (invokedNames.Count == 0)
            invokedNames = settings.DefaultTarget is { } d ? [d] : throw new UsageException("No target given: name one (see --help)");
        var plan = ExecutionPlanner.Plan(targets, invokedNames);
        run.InvokedTargets = plan.Invoked.Select(t => t.Name).ToList();

        IReadOnlySet<ExecutableTarget> skipped = skippedByName switch
        {
            null => new HashSet<ExecutableTarget>(),
            [] => plan.Targets.Except(plan.Invoked).ToHashSet(),
            var named => named.ToHashSet(),
        };

        run.ScheduledTargets = plan.Targets.Except(skipped).Select(t => t.Name).ToList();

        if (commandLine.Has("plan"))
        {
            PreRunChecks.ApplySkips(plan, skipped);
            environment.Out.Write(commandLine.Values("plan") is ["mermaid"] ? PlanText.Mermaid(plan) : PlanText.Ordered(plan));
            return Success;
        }

        var printKeys = commandLine.Flag("print-cache-key");
        if (printKeys)
        {
            if (run.IsDryRun)
                throw new UsageException($"{KeyOnlyRun.Flag} runs the targets the keys need and cannot be combined with --dry-run: leave one of them out");
            KeyOnlyRun.Check(plan);
        }
        using var cache = !printKeys && (commandLine.Flag("no-cache") || run.IsDryRun) ? null : new BuildCache(new CacheSettings(run.CacheDirectory)
        {
            RebuildTargets = (rebuilt ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
            Remote = printKeys ? null : run.RemoteCache,
        });
        var keysOut = environment.Out;
        var options = new ExecutionOptions
        {
            Parallelism = commandLine.Value("parallel") is { } parallel ? int.Parse(parallel, CultureInfo.InvariantCulture) : 1,
            SkippedTargets = skipped,
            Cache = cache,
            PrintCacheKey = printKeys ? (target, key) => { lock (keysOut) keysOut.WriteLine($"{target.Name} {key}"); } : null,
        };
        var verbosity = ParseVerbosity(commandLine.Value("verbosity"));
        var secrets = resolved.Where(p => p.Member.IsSecret && p.Value is string { Length: > 0 }).Select(p => (string)p.Value!).Concat(run.RemoteCache?.Secrets ?? []).ToList();
        var strategy = settings.Strategy ?? (run.IsDryRun ? new DryRunExecutionStrategy(Privilege.Detect()) : new RealExecutionStrategy(Privilege.Detect()));
        var color = !environment.Variables.ContainsKey("NO_COLOR") && !commandLine.Flag("no-color") && environment.IsTerminal;

        run.StandardOutput = environment.Out;
        if (printKeys || BuildModules.Of(build).OfType<IStandardOutputData>().Any(m => m.StandardOutputIsData))
            environment = environment.WithConsoleOnStandardError();
        run.StartupLog = new StartupLog(environment.Out, verbosity, secrets);
        // One build at a time per artifacts folder: another one would restore or rewrite outputs this one reads.
        using var artifactsLock = run.IsDryRun ? null : await FileLock.AcquireAsync(
            Path.Combine(run.ArtifactsDirectory, ".build.lock"), "the artifacts folder", environment.Out.WriteLine, interrupt).ConfigureAwait(false);
        var planRun = new PlanRun(plan, options, strategy, Path.Combine(run.ArtifactsDirectory, "logs"), verbosity, secrets, color, settings.StatusInterval)
        {
            Explain = commandLine.Flag("explain"),
            TracePath = Path.Combine(run.ArtifactsDirectory, "reports", "trace.json"),
        };
        var outcome = await planRun.ExecuteAsync(environment, interrupt).ConfigureAwait(false);
        return outcome.Interrupted ? Interrupted : outcome.Succeeded ? Success : TargetFailed;
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

    /// <summary>Target names (invoked, --skip, --rebuild), each resolved (an unknown one is a usage error before anything runs).</summary>
    static IReadOnlyList<ExecutableTarget>? ResolveTargets(IReadOnlyList<string>? names, TargetCollection targets) =>
        names?.Select(n => ExecutionPlanner.Resolve(targets, n)).ToList();

    static Verbosity ParseVerbosity(string? value) =>
        value is null ? Verbosity.Normal : Enum.TryParse<Verbosity>(value, ignoreCase: true, out var v) ? v : throw new UsageException($"--verbosity {value}: use quiet, minimal, normal or verbose");

    /// <summary>The schema is a function of the build program, so it is rendered again only when the program is newer than it.</summary>
    static void WriteSchema(string root, BuildBase build, TargetCollection targets, IReadOnlyList<ParameterMember> members)
    {
        var path = Path.Combine(root, ".nuke", "build.schema.json");
        var program = ProgramWriteTime(build);
        if (File.Exists(path) && program is { } built && File.GetLastWriteTimeUtc(path) >= built)
            return;
        var schema = SchemaWriter.Render(targets, members);
        if (!File.Exists(path) || File.ReadAllText(path) != schema)
            AtomicFile.WriteAllText(path, schema);
        else
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }

    /// <summary>When the build program was built: its and the engine's assemblies, or the executable of a natively compiled one.</summary>
    static DateTime? ProgramWriteTime(BuildBase build)
    {
        string?[] files = RuntimeFeature.IsDynamicCodeSupported
            ? [AssemblyFile(build.GetType()), AssemblyFile(typeof(BuildHost))]
            : [Environment.ProcessPath];
        DateTime? newest = null;
        foreach (var file in files)
        {
            if (!File.Exists(file))
                return null;
            var written = File.GetLastWriteTimeUtc(file);
            newest = newest is { } n && n > written ? n : written;
        }
        return newest;
    }

    static string AssemblyFile(Type type) => Path.Combine(AppContext.BaseDirectory, type.Assembly.GetName().Name + ".dll");
}
