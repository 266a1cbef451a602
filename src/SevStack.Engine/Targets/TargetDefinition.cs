namespace SevStack.Engine.Targets;

/// <summary>Records what a target declaration says; turned into an <see cref="ExecutableTarget"/> by the collection.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<TargetReference> DependsOnTargets { get; } = [];
    public List<TargetReference> AfterTargets { get; } = [];
    public List<TargetReference> TriggersTargets { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> Requirements { get; } = [];
    public List<Func<string?>> PlanNotes { get; } = [];
    public List<Func<TargetContext, Task>> Actions { get; } = [];
    public List<string> Resources { get; } = [];
    public Caching.CacheDeclaration? Cache { get; private set; }
    public List<ProducedOutput> ProducedOutputs { get; } = [];
    public List<TargetOutput> ConsumedOutputs { get; } = [];
    public List<TargetOutput> ConsumedWhenScheduled { get; } = [];

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition DependsOn(params string[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition After(params Target[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition After(params string[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition Triggers(params string[] targets) => Add(TriggersTargets, targets);

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? text = null) =>
        Add(StaticConditions, new Condition(condition, text ?? "condition"));

    public ITargetDefinition Requires<T>(Func<T?> parameter, string? text = null) =>
        Add(Requirements, new Condition(() => parameter() is { } value && (value is not string s || s.Length > 0), RequiredParameterText.For(text)));
    public ITargetDefinition Requires(Func<bool> requirement, string? text = null) =>
        Add(Requirements, new Condition(requirement, text ?? "requirement"));
    public ITargetDefinition Requires(Func<bool> requirement, Func<string> describe) =>
        Add(Requirements, new Condition(requirement, describe));

    public ITargetDefinition PlanNote(Func<string?> note) => Add(PlanNotes, note);

    public ITargetDefinition Executes(Action action) => Add(Actions, _ => { action(); return Task.CompletedTask; });
    public ITargetDefinition Executes(Func<Task> action) => Add(Actions, _ => action());
    public ITargetDefinition Executes(Action<TargetContext> action) => Add(Actions, c => { action(c); return Task.CompletedTask; });
    public ITargetDefinition Executes(Func<TargetContext, Task> action) => Add(Actions, action);

    public ITargetDefinition UsesExclusive(params string[] resources) { Resources.AddRange(resources); return this; }

    public ITargetDefinition Cacheable(Action<Caching.CacheDeclaration> declare)
    {
        Cache ??= new Caching.CacheDeclaration();
        declare(Cache);
        return this;
    }

    public ITargetDefinition Produces<T>(TargetOutput<T> output, Func<T?>? restore = null) where T : class =>
        Add(ProducedOutputs, new ProducedOutput(output, restore));
    public ITargetDefinition Consumes(params TargetOutput[] outputs) { ConsumedOutputs.AddRange(outputs); return this; }
    public ITargetDefinition ConsumesWhenScheduled(params TargetOutput[] outputs) { ConsumedWhenScheduled.AddRange(outputs); return this; }

    TargetDefinition Add(List<TargetReference> list, Target[] targets) { list.AddRange(targets.Select(TargetReference.Of)); return this; }
    TargetDefinition Add(List<TargetReference> list, string[] targets) { list.AddRange(targets.Select(TargetReference.Of)); return this; }
    TargetDefinition Add<T>(List<T> list, T item) { list.Add(item); return this; }
}
