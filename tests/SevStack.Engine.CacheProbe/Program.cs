using SevStack.Engine.Caching;
using SevStack.Engine.Execution;
using SevStack.Engine.Files;
using SevStack.Engine.Planning;
using SevStack.Engine.Processes;
using SevStack.Engine.Targets;

// Usage: <cache-dir> <work-dir> <stop-at: none|body|a publish step> [body-delay-ms]
// Builds Producer (cacheable) and Consumer (cacheable, upstream Producer). At the stop point it prints
// "STOPPED AT <point>" and hangs until killed. At the end it prints each target's status and the log.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <cache-dir> <work-dir> <stop-at> [body-delay-ms]");
    return 2;
}
var (cacheDir, work, stopAt) = (args[0], args[1], args[2]);
var bodyDelay = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;

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
var cache = new BuildCache(new CacheSettings(cacheDir) { OnPublishStep = StopIf });
await new BuildExecutor(probe, probe, new ExecutionOptions { Cache = cache }).RunAsync(plan, CancellationToken.None);

foreach (var target in plan.Targets)
    Console.Out.WriteLine($"{target.Name}:{target.Status}{(target.Error is null ? "" : " " + target.Error)}");
foreach (var line in probe.Log.Lines)
    Console.Out.WriteLine("log: " + line);
return plan.Targets.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Cached) ? 0 : 1;

sealed class ProbeStrategy : IExecutionStrategy, IExecutionObserver
{
    public MemoryBuildLog Log { get; } = new();

    public TargetContext CreateContext(ExecutableTarget target, IBuildLog log, CancellationToken cancellationToken) =>
        new(target.Name, log, new CliWrapCommandRunner(log, new Privilege(IsRoot: true)), new FileWriter(log), cancellationToken);

    public IBuildLog CreateLog(ExecutableTarget target) => Log;
    public void TargetStarted(ExecutableTarget target) { }
    public void TargetFinished(ExecutableTarget target, Exception? error) { }
}
