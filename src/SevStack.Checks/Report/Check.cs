namespace SevStack.Checks.Report;

/// <summary>
/// One named check over the facts <typeparamref name="TFacts"/>: the first prerequisite that is not met skips it with
/// that prerequisite's reason; otherwise <see cref="Judge"/> gives the verdict.
/// </summary>
public abstract class Check<TFacts>(CheckOutcome outcome, params Prerequisite<TFacts>[] prerequisites)
{
    protected CheckOutcome Outcome => outcome;

    public CheckResult Evaluate(TFacts facts) =>
        prerequisites.Where(p => !p.IsMet(facts)).Select(p => outcome.Skip([], p.Reason(facts), p.Fix)).FirstOrDefault() ?? Judge(facts);

    /// <summary>The verdict, once every prerequisite is met.</summary>
    protected abstract CheckResult Judge(TFacts facts);
}

/// <summary>What a check cannot do without; when it is missing the check is skipped with <see cref="Reason"/>.</summary>
public sealed record Prerequisite<TFacts>(Func<TFacts, bool> IsMet, Func<TFacts, string> Reason, string? Fix = null);
