namespace SevStack.Engine.Targets;

/// <summary>A target as the planner and executor see it: resolved edges, conditions, and its outcome.</summary>
public sealed class ExecutableTarget(string name, int declarationIndex)
{
    public string Name { get; } = name;
    public int DeclarationIndex { get; } = declarationIndex;
    public string? Description { get; set; }

    /// <summary>Targets this one depends on (DependsOn, and the producers of what it consumes).</summary>
    public List<ExecutableTarget> ExecutionDependencies { get; } = [];
    /// <summary>Targets this one runs after when both are scheduled (After, ConsumesWhenScheduled).</summary>
    public List<ExecutableTarget> OrderDependencies { get; } = [];
    /// <summary>Targets this one pulls in to run after it (Triggers).</summary>
    public List<ExecutableTarget> Triggers { get; } = [];
    /// <summary>The reverse of <see cref="Triggers"/>: targets after which this one runs.</summary>
    public List<ExecutableTarget> TriggerDependencies { get; } = [];

    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> Requirements { get; } = [];
    /// <summary>Lines --plan shows under the target (<see cref="ITargetDefinition.PlanNote"/>).</summary>
    public List<Func<string?>> PlanNotes { get; } = [];
    public List<Func<TargetContext, Task>> Actions { get; } = [];
    public List<string> Resources { get; } = [];

    /// <summary>What the cache key of this target is made of; null when the target is not cacheable.</summary>
    public Caching.CacheDeclaration? Cache { get; set; }
    /// <summary>Cacheable targets whose keys are part of this target's key.</summary>
    public List<ExecutableTarget> CacheUpstream { get; } = [];

    /// <summary>The module that declares the target (its class name without "Module"); null for the build class itself.</summary>
    public string? Module { get; set; }

    public List<ProducedOutput> Produces { get; } = [];
    /// <summary>Outputs whose producers are execution dependencies of this target.</summary>
    public List<TargetOutput> Consumes { get; } = [];
    /// <summary>Outputs taken when their producers are scheduled too (ordering only).</summary>
    public List<TargetOutput> ConsumesWhenScheduled { get; } = [];

    public TargetStatus Status { get; set; } = TargetStatus.Scheduled;
    public TimeSpan Duration { get; set; }
    /// <summary>Why the target was skipped or not run, for the summary.</summary>
    public string? Reason { get; set; }
    public string? Note { get; set; }
    public string? Error { get; set; }

    public bool IsCollective => Actions.Count == 0;

    /// <summary>Every target that must finish before this one may start, if scheduled.</summary>
    public IEnumerable<ExecutableTarget> Predecessors => ExecutionDependencies.Concat(OrderDependencies).Concat(TriggerDependencies);

    public override string ToString() => Name;
}
