using SevStack.Testing;
using SevStack.Toolkit.Processes;
using YamlDotNet.RepresentationModel;

namespace SevStack.Build.Tests.E2E.Workflow;

/// <summary>
/// Plays a GitHub workflow on this machine the way a runner would: jobs in their <c>needs</c> order, each matrix entry in
/// a fresh clone of the repository, its <c>run:</c> steps through bash with the runner's variables (GITHUB_WORKSPACE,
/// RUNNER_TEMP, GITHUB_OUTPUT, CI=true...) and the workflow's and job's env, expressions evaluated. The actions it uses
/// are played too: checkout (the clone), setup-dotnet (this machine's SDK), cache and cache/restore (a folder of
/// saved entries, looked up first in <paramref name="warmCache"/> as the cache service would hold them), upload-artifact (copied).
/// </summary>
sealed class WorkflowPlayer(string workflowFile, string scratch, IReadOnlyDictionary<string, string> runnerVariables, string? warmCache)
{
    readonly YamlMappingNode workflow = Load(workflowFile);
    readonly CliWrapCommandRunner runner = new(new MemoryBuildLog(), Privilege.Detect());
    readonly string cacheService = Path.Combine(scratch, "actions-cache");

    public string Uploads => Path.Combine(scratch, "uploads");

    /// <summary>Each step played, in order: job, step, exit code, output (the log a runner shows).</summary>
    public List<(string Job, string Step, int Exit, string Output)> Log { get; } = [];

    public async Task PlayAsync(IReadOnlyCollection<string> jobsToPlay)
    {
        var jobs = (YamlMappingNode)workflow["jobs"];
        foreach (var name in NeedsOrder(jobs).Where(jobsToPlay.Contains))
        {
            var job = (YamlMappingNode)jobs[name];
            foreach (var matrix in MatrixEntries(job))
                if (!await PlayJobAsync(name, job, matrix))
                    return;
        }
    }

    async Task<bool> PlayJobAsync(string name, YamlMappingNode job, IReadOnlyDictionary<string, string> matrix)
    {
        var label = matrix.Count == 0 ? name : $"{name} ({string.Join(", ", matrix.Values)})";
        // A runner's folders hold no job label: GitHub's is /home/runner/work/<repo>/<repo>, one runner per job.
        var workspace = Path.Combine(scratch, "runners", string.Join('-', [name, .. matrix.Values]), "workspace");
        var temp = Path.Combine(Path.GetDirectoryName(workspace)!, "temp");
        Directory.CreateDirectory(temp);
        var stepOutputs = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var expressions = new WorkflowExpressions(path => Context(path, matrix, stepOutputs));
        var environment = new Dictionary<string, string?>(runnerVariables.ToDictionary(v => v.Key, v => (string?)v.Value))
        {
            ["GITHUB_WORKSPACE"] = workspace, ["RUNNER_TEMP"] = temp, ["CI"] = "true", ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_JOB"] = name,
        };
        foreach (var env in new[] { workflow, job }.Select(n => n.Children.TryGetValue("env", out var e) ? (YamlMappingNode)e : null).OfType<YamlMappingNode>())
            foreach (var (key, value) in env.Children)
                if (!runnerVariables.ContainsKey(key.ToString()))
                    environment[key.ToString()] = expressions.Substitute(value.ToString());

        var postSaves = new List<(string Path, string Key)>();
        var failed = false;
        var index = 0;
        foreach (var step in ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>())
        {
            index++;
            var condition = Scalar(step, "if");
            if (condition is null ? failed : !expressions.IsTrue(condition) || (failed && !condition.Contains("always()", StringComparison.Ordinal)))
                continue;
            var id = Scalar(step, "id") ?? $"step{index}";
            var with = step.Children.TryGetValue("with", out var w) ? ((YamlMappingNode)w).Children.ToDictionary(c => c.Key.ToString(), c => expressions.Substitute(c.Value.ToString())) : [];
            var (exit, output, outputs) = Scalar(step, "run") is { } run
                ? await RunAsync(expressions.Substitute(run), workspace, temp, environment)
                : await UseAsync(Scalar(step, "uses")!, with, workspace, postSaves);
            stepOutputs[id] = outputs;
            Log.Add((label, Scalar(step, "run") ?? Scalar(step, "uses")!, exit, output));
            failed |= exit != 0;
        }
        foreach (var (path, key) in postSaves.Where(_ => !failed))
            Save(path, key);
        return !failed;
    }

    async Task<(int, string, Dictionary<string, string>)> RunAsync(string command, string workspace, string temp, Dictionary<string, string?> environment)
    {
        var outputFile = Path.Combine(temp, $"output-{Guid.NewGuid():N}");
        File.WriteAllText(outputFile, "");
        var result = await runner.RunAsync(new CommandSpec("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", command])
        {
            WorkingDirectory = workspace, AllowFailure = true, Environment = new Dictionary<string, string?>(environment) { ["GITHUB_OUTPUT"] = outputFile },
        });
        var outputs = File.ReadAllLines(outputFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (result.ExitCode, result.StandardOutput + result.StandardError, outputs);
    }

    async Task<(int, string, Dictionary<string, string>)> UseAsync(string action, Dictionary<string, string> with, string workspace, List<(string, string)> postSaves)
    {
        switch (action.Split('@')[0])
        {
            case "actions/checkout":
                var clone = await runner.RunAsync(new CommandSpec("git", ["clone", "--quiet", SharedData.RepositoryRoot, workspace]) { AllowFailure = true });
                // The build program compiled once for this repository: a runner would compile the same sources again. The copy
                // keeps the stamp's time, older than the clone's files: it is made newer, so that build.sh takes the program.
                TreeCopy.Copy(Path.Combine(SharedData.RepositoryRoot, "build", "bin"), Path.Combine(workspace, "build", "bin"));
                File.SetLastWriteTimeUtc(Path.Combine(workspace, "build", "bin", ".built-stamp"), DateTime.UtcNow);
                return (clone.ExitCode, clone.StandardError, []);
            case "actions/setup-dotnet":
                return (File.Exists(Path.Combine(workspace, with["global-json-file"])) ? 0 : 1, "this machine's .NET SDK", []);
            case "actions/cache" or "actions/cache/restore":
                var cachePath = Path.Combine(workspace, with["path"]);
                var hit = Restore(cachePath, with["key"]);
                if (action.StartsWith("actions/cache@", StringComparison.Ordinal) && !hit)
                    postSaves.Add((cachePath, with["key"]));
                return (0, hit ? $"Cache restored from key: {with["key"]}" : $"Cache not found for input keys: {with["key"]}", new() { ["cache-hit"] = hit ? "true" : "false" });
            case "actions/upload-artifact":
                return Upload(with["name"], with["path"], workspace, with.GetValueOrDefault("if-no-files-found", "warn"));
            default:
                throw new NotSupportedException($"the workflow uses {action}, which this test does not play");
        }
    }

    bool Restore(string path, string key)
    {
        var saved = Path.Combine(cacheService, key);
        if (!Directory.Exists(saved) && warmCache is not null && key.Split('-') is ["sevstack", var target, var cacheKey])
            saved = Path.Combine(warmCache, target, cacheKey);
        if (!Directory.Exists(saved))
            return false;
        TreeCopy.Copy(saved, path);
        return true;
    }

    void Save(string path, string key)
    {
        if (Directory.Exists(path) && !Directory.Exists(Path.Combine(cacheService, key)))
            TreeCopy.Copy(path, Path.Combine(cacheService, key));
    }

    (int, string, Dictionary<string, string>) Upload(string name, string paths, string workspace, string ifNoFiles)
    {
        var found = 0;
        foreach (var relative in paths.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var source = Path.Combine(workspace, relative);
            var target = Path.Combine(Uploads, name, relative);
            if (Directory.Exists(source)) { TreeCopy.Copy(source, target); found++; }
            else if (File.Exists(source)) { Directory.CreateDirectory(Path.GetDirectoryName(target)!); File.Copy(source, target); found++; }
        }
        return (found == 0 && ifNoFiles == "error" ? 1 : 0, $"uploaded {found} path(s) as {name}", []);
    }

    string Context(string path, IReadOnlyDictionary<string, string> matrix, Dictionary<string, Dictionary<string, string>> steps) => path.Split('.') switch
    {
        ["matrix", var key] => matrix[key],
        ["steps", var id, "outputs", var name] => steps.GetValueOrDefault(id)?.GetValueOrDefault(name) ?? "",
        ["secrets", _] => "",
        ["github", "event_name"] => "push",
        ["github", "ref"] => "refs/heads/main",
        _ => throw new NotSupportedException($"the workflow reads {path}, which this test does not play"),
    };

    static IEnumerable<Dictionary<string, string>> MatrixEntries(YamlMappingNode job)
    {
        if (!job.Children.TryGetValue("strategy", out var strategy) || !((YamlMappingNode)strategy).Children.TryGetValue("matrix", out var matrix))
            return [[]];
        var (key, values) = ((YamlMappingNode)matrix).Children.Single();
        return ((YamlSequenceNode)values).Select(v => new Dictionary<string, string> { [key.ToString()] = v.ToString() });
    }

    static List<string> NeedsOrder(YamlMappingNode jobs)
    {
        var order = new List<string>();
        void Visit(string name)
        {
            if (order.Contains(name))
                return;
            var job = (YamlMappingNode)jobs[name];
            if (job.Children.TryGetValue("needs", out var needs))
                foreach (var need in needs is YamlSequenceNode list ? list.Select(n => n.ToString()) : [needs.ToString()])
                    Visit(need);
            order.Add(name);
        }
        foreach (var (name, _) in jobs.Children)
            Visit(name.ToString());
        return order;
    }

    static string? Scalar(YamlMappingNode node, string key) => node.Children.TryGetValue(key, out var value) ? value.ToString() : null;

    static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
