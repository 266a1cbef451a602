using SevStack.Engine.Caching;
using SevStack.Engine.Execution;
using SevStack.Toolkit.Files;
using SevStack.Engine.Planning;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;

// Usage: <cache-dir> <work-dir> <stop-at: none|body|a publish or restore step> [body-delay-ms|hold]
// Builds Producer (cacheable) and Consumer (cacheable, upstream Producer). At the stop point it prints
// "STOPPED AT <point>" and hangs until killed. With "hold", each body prints "IN BODY <target>" and waits until
// <work-dir>/release exists. Log lines are printed as "log: ..." as they happen, then each target's status.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <cache-dir> <work-dir> <stop-at> [body-delay-ms|hold]");
    return 2;
}
var (cacheDir, work, stopAt) = (args[0], args[1], args[2]);
var hold = args.Length > 3 && args[3] == "hold";
var bodyDelay = args.Length > 3 && !hold ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;

void StopIf(string point)
{
    if (point != stopAt)
        return;
    Console.Out.WriteLine("STOPPED AT " + point);
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
}

async Task Produce(string name, string folder)
{
    File.AppendAllText(Path.Combine(work, "runs.log"), name + Environment.NewLine);
    Directory.CreateDirectory(folder);
    for (var i = 0; i < 20; i++)
        File.WriteAllText(Path.Combine(folder, $"part{i}.o"), new string((char)('a' + i), 50_000));
    if (bodyDelay > 0)
        await Task.Delay(bodyDelay);
    if (hold)
    {
        Console.Out.WriteLine("IN BODY " + name);
        while (!File.Exists(Path.Combine(work, "release")))
            await Task.Delay(20);
    }
    StopIf("body");
}

var producer = Path.Combine(work, "out", "producer");
var consumer = Path.Combine(work, "out", "consumer");
var targets = TargetCollection.Create(
[
    ("Producer", d => d.Cacheable(c => c.Input("source", "v1").Output(producer)).Executes(() => Produce("Producer", producer))),
    ("Consumer", d => d.Cacheable(c => c.Upstream("Producer").Output(consumer)).Executes(() => Produce("Consumer", consumer))),
]);
var plan = ExecutionPlanner.Plan(targets, ["Consumer"]);
var probe = new ProbeStrategy();
var cache = new BuildCache(new CacheSettings(cacheDir) { OnStep = StopIf });
await new BuildExecutor(probe, probe, new ExecutionOptions { Cache = cache }).RunAsync(plan, CancellationToken.None);

foreach (var target in plan.Targets)
    Console.Out.WriteLine($"{target.Name}:{target.Status}{(target.Error is null ? "" : " " + target.Error)}");
return plan.Targets.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Cached) ? 0 : 1;

sealed class ProbeStrategy : IExecutionStrategy, IExecutionObserver, IBuildLog
{
    public string? FilePath => null;
    public void Info(string message) => Console.Out.WriteLine("log: " + message);
    public void Warning(string message) => Console.Out.WriteLine("log: warning: " + message);
    public void Output(string line) { }

    public TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken) =>
        new(target.Name, log, new CliWrapCommandRunner(log, new Privilege(IsRoot: true)), new FileWriter(log), cancellationToken);

    public IBuildLog CreateLog(ExecutableTarget target) => this;
    public void TargetStarted(ExecutableTarget target) { }
    public void TargetFinished(ExecutableTarget target, Exception? error) { }
}
