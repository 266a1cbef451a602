namespace SevStack.Checks.Report;

/// <summary>Facts that hold what was read from a kernel log, or why there is none.</summary>
public interface IKernelLogFacts<out TLog>
    where TLog : class
{
    TLog? Log { get; }

    string? KernelLogProblem { get; }
}

/// <summary>
/// A check that reads the kernel log: skipped, after its other prerequisites, when there is none (<paramref name="fix"/>
/// says how to get one), and judged with it otherwise.
/// </summary>
public abstract class KernelLogCheck<TFacts, TLog>(CheckOutcome outcome, string? fix = null, params Prerequisite<TFacts>[] prerequisites)
    : Check<TFacts>(outcome, [.. prerequisites, new(f => f.Log is not null, f => $"no kernel log: {f.KernelLogProblem}", fix)])
    where TFacts : IKernelLogFacts<TLog>
    where TLog : class
{
    protected sealed override CheckResult Judge(TFacts facts) => Judge(facts, facts.Log!);

    protected abstract CheckResult Judge(TFacts facts, TLog log);
}
