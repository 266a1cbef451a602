using System.Text.Json;
using SevStack.Engine.Hosting;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// Runs the real build program as <c>./build.sh</c> would: in-process, or as the natively compiled program build.sh
/// makes (<c>build/bin/program/_build</c>), whose reflection and JSON must work without the runtime's JIT.
/// </summary>
internal static class BuildProgram
{
    static readonly Lazy<Task<string>> NativeProgram = new(BuildNativeProgramAsync);

    /// <summary>
    /// Runs targets with a temporary repository root (this repository's .nuke/ copied into it), so their artifacts and the
    /// artifacts-folder lock never meet those of the build running the tests (<c>./build.sh Test</c> holds that lock).
    /// </summary>
    public static Task<(int Exit, string Output)> RunIsolated(TempDirectory root, params string[] args) => RunIsolated(root, native: false, args);

    /// <inheritdoc cref="RunIsolated(TempDirectory, string[])"/>
    public static Task<(int Exit, string Output)> RunIsolated(TempDirectory root, bool native, params string[] args) =>
        RunIsolated(root, new Dictionary<string, string>(), native, args);

    /// <inheritdoc cref="RunIsolated(TempDirectory, string[])"/>
    public static Task<(int Exit, string Output)> RunIsolated(TempDirectory root, IReadOnlyDictionary<string, string> variables, bool native, params string[] args)
    {
        string[] rooted = [.. args, "--root", Isolate(root)];
        return Run(variables, native, rooted);
    }

    /// <summary>
    /// <see cref="RunIsolated(TempDirectory, string[])"/> in a process of its own (the JIT build) with <paramref name="pathFirst"/>
    /// ahead on its PATH, for targets that run tools found on PATH; the test process's PATH stays untouched.
    /// </summary>
    public static async Task<(int Exit, string Output)> RunIsolatedWithPath(TempDirectory root, string pathFirst, params string[] args)
    {
        var result = await Runner.RunAsync(new CommandSpec("dotnet", [Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. args, "--root", Isolate(root), "--no-color"])
        {
            Environment = new Dictionary<string, string?> { ["PATH"] = $"{pathFirst}:{Environment.GetEnvironmentVariable("PATH")}" },
            AllowFailure = true,
        });
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>
    /// What the summary's note column says of <paramref name="target"/> in the last run under <paramref name="root"/>: its note,
    /// or why it did not run, read whole from artifacts/reports/trace.json (the summary wraps long notes to the terminal's width).
    /// </summary>
    public static string? TargetNote(TempDirectory root, string target)
    {
        using var trace = JsonDocument.Parse(File.ReadAllText(root.Combine("artifacts", "reports", "trace.json")));
        var arguments = trace.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == target && e.TryGetProperty("cat", out var category) && category.GetString() == "target")
            .GetProperty("args");
        return arguments.TryGetProperty("note", out var note) ? note.GetString()
            : arguments.TryGetProperty("reason", out var reason) ? reason.GetString()
            : null;
    }

    /// <summary>This repository's .nuke/ copied into <paramref name="root"/>, which becomes the run's repository root.</summary>
    static string Isolate(TempDirectory root)
    {
        var nuke = Path.Combine(SharedData.RepositoryRoot, ".nuke");
        Directory.CreateDirectory(root.Combine(".nuke"));
        foreach (var file in Directory.GetFiles(nuke, "*.json"))
            File.Copy(file, root.Combine(".nuke", Path.GetFileName(file)), overwrite: true);
        return root.Path;
    }

    /// <summary>Runs from the repository root: only for --help and --plan, which take no lock and write no artifacts.</summary>
    public static Task<(int Exit, string Output)> Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    /// <summary>In-process with these environment variables (and no others), or the native program with them besides PATH and HOME.</summary>
    public static Task<(int Exit, string Output)> Run(IReadOnlyDictionary<string, string> variables, bool native, params string[] args) =>
        native ? RunNative(variables, args) : Run(variables, args);

    static async Task<(int Exit, string Output)> Run(IReadOnlyDictionary<string, string> variables, string[] args)
    {
        using var output = new StringWriter();
        var environment = new HostEnvironment(output, variables, SharedData.RepositoryRoot, IsTerminal: false);
        var exit = await BuildHost.RunAsync(new Build(), args, new HostSettings { DefaultProfiles = ["debian"] }, environment, CancellationToken.None);
        return (exit, output.ToString());
    }

    /// <summary>The native program in its own process, with no environment but PATH and HOME (as the in-process run has none).</summary>
    public static Task<(int Exit, string Output)> RunNative(params string[] args) => RunNative(new Dictionary<string, string>(), args);

    static async Task<(int Exit, string Output)> RunNative(IReadOnlyDictionary<string, string> variables, string[] args)
    {
        var result = await RunNativeProcess(variables, args);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary><see cref="RunIsolated(TempDirectory, string[])"/> with the native program, its standard output and error apart.</summary>
    public static async Task<(int Exit, string StandardOutput, string StandardError)> RunNativeIsolatedApart(TempDirectory root, params string[] args)
    {
        var result = await RunNativeProcess(new Dictionary<string, string>(), [.. args, "--root", Isolate(root)]);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }

    static async Task<CommandResult> RunNativeProcess(IReadOnlyDictionary<string, string> variables, string[] args)
    {
        var program = await NativeProgram.Value;
        return await Runner.RunAsync(new CommandSpec("env",
            ["-i", "PATH=" + Environment.GetEnvironmentVariable("PATH"), "HOME=" + Environment.GetEnvironmentVariable("HOME"),
                .. variables.Select(v => $"{v.Key}={v.Value}"), program, .. args])
        {
            AllowFailure = true,
        });
    }

    /// <summary>./build.sh itself (the native program it built) with <paramref name="workingDirectory"/> as the working directory.</summary>
    public static async Task<(int Exit, string Output)> RunBuildScriptIn(string workingDirectory, params string[] args)
    {
        await NativeProgram.Value;
        var result = await Runner.RunAsync(new CommandSpec("bash", [Path.Combine(SharedData.RepositoryRoot, "build.sh"), .. args])
        {
            WorkingDirectory = workingDirectory,
            AllowFailure = true,
        });
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>build.sh compiles the program when its sources changed (once per test run); it must be native, not ReadyToRun.</summary>
    static async Task<string> BuildNativeProgramAsync()
    {
        var result = await Runner.RunAsync(new CommandSpec("bash", Path.Combine(SharedData.RepositoryRoot, "build.sh"), "--help") { AllowFailure = true });
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var folder = Path.Combine(SharedData.RepositoryRoot, "build", "bin", "program");
        Assert.False(File.Exists(Path.Combine(folder, "_build.dll")), $"build.sh made a ReadyToRun program in {folder}, not a native one: {result.StandardError}");
        return Path.Combine(folder, "_build");
    }

    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());
}
