using System.Runtime.CompilerServices;

namespace SevStack.Engine.Targets;

/// <summary>The fluent surface of a target, with Nuke's names and meanings.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>Execution dependencies: scheduled, and run before this target.</summary>
    ITargetDefinition DependsOn(params Target[] targets);
    ITargetDefinition DependsOn(params string[] targets);

    /// <summary>Ordering only: when both are scheduled, this target runs after the given ones.</summary>
    ITargetDefinition After(params Target[] targets);
    ITargetDefinition After(params string[] targets);

    /// <summary>The given targets are pulled into the plan and run after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);
    ITargetDefinition Triggers(params string[] targets);

    /// <summary>Checked for every scheduled target before the first one runs.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? text = null);

    /// <summary>A precondition checked before anything runs: a parameter that must have a value.</summary>
    ITargetDefinition Requires<T>(Func<T?> parameter, [CallerArgumentExpression(nameof(parameter))] string? text = null);
    /// <summary>A precondition checked before anything runs.</summary>
    ITargetDefinition Requires(Func<bool> requirement, [CallerArgumentExpression(nameof(requirement))] string? text = null);
    /// <summary>
    /// A line <c>--plan</c> shows under the target, made from the parameters when the plan is printed: what it will build
    /// from (e.g. the source and its lock entry) or why it cannot; null shows nothing.
    /// </summary>
    ITargetDefinition PlanNote(Func<string?> note);
    /// <summary>A precondition checked before anything runs, whose message is made only when it fails (and only for a scheduled target).</summary>
    ITargetDefinition Requires(Func<bool> requirement, Func<string> describe);

    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Func<Task> action);
    ITargetDefinition Executes(Action<TargetContext> action);
    ITargetDefinition Executes(Func<TargetContext, Task> action);


    /// <summary>Targets that name the same resource (for example <c>dpkg</c>) never run at the same time.</summary>
    ITargetDefinition UsesExclusive(params string[] resources);

    /// <summary>
    /// The target's outputs are stored under a key of everything declared here, and restored instead of running
    /// the body when the key was built before (status Cached).
    /// </summary>
    ITargetDefinition Cacheable(Action<Caching.CacheDeclaration> declare);

    /// <summary>
    /// The target hands <paramref name="output"/> to its consumers (<see cref="TargetContext.Produce{T}"/>).
    /// <paramref name="restore"/> reads it back from what the target left on disk: after a cache hit (required for a
    /// cacheable target), or when the target was skipped.
    /// </summary>
    ITargetDefinition Produces<T>(TargetOutput<T> output, Func<T?>? restore = null) where T : class;
    /// <summary>The producers of these outputs become execution dependencies; the body reads them with <see cref="TargetContext.Get{T}"/>.</summary>
    ITargetDefinition Consumes(params TargetOutput[] outputs);
    /// <summary>Ordering only: when a producer is scheduled too, this target runs after it and <see cref="TargetContext.Find{T}"/> returns its output.</summary>
    ITargetDefinition ConsumesWhenScheduled(params TargetOutput[] outputs);
}
