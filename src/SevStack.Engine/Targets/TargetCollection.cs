using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using SevStack.Engine.Reflection;

namespace SevStack.Engine.Targets;

/// <summary>All declared targets with their edges resolved; declaration order is kept for deterministic plans.</summary>
public sealed class TargetCollection
{
    readonly Dictionary<string, ExecutableTarget> byName;

    TargetCollection(IReadOnlyList<ExecutableTarget> targets)
    {
        All = targets;
        byName = targets.ToDictionary(t => TargetNames.Normalize(t.Name));
    }

    public IReadOnlyList<ExecutableTarget> All { get; }

    public ExecutableTarget? Find(string name) => byName.GetValueOrDefault(TargetNames.Normalize(name));

    /// <summary>Which target produces each declared output.</summary>
    public IReadOnlyDictionary<TargetOutput, ExecutableTarget> Producers { get; private set; } = new Dictionary<TargetOutput, ExecutableTarget>();

    /// <summary>Every property of type <see cref="Target"/> on the build object and its modules, in declaration order.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "A natively compiled build program keeps its assemblies whole (TrimmerRootAssembly in build/_build.csproj)")]
    public static TargetCollection FromBuild(object build)
    {
        var declared = new List<(string Name, Target Target, string? Module)>();
        foreach (var owner in BuildModules.Of(build))
        {
            var properties = Array.FindAll(owner.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic),
                p => p.PropertyType == typeof(Target));
            DeclarationOrder.Sort(properties);
            foreach (var property in properties)
                declared.Add((property.Name, (Target)property.GetValue(owner)!, owner == build ? null : BuildModules.NameOf(owner)));
        }
        return Create(declared);
    }

    /// <summary>Builds the collection from named declarations (used by tests).</summary>
    public static TargetCollection Create(IReadOnlyList<(string Name, Target Target)> declared)
    {
        var withoutModules = new List<(string, Target, string?)>(declared.Count);
        for (var i = 0; i < declared.Count; i++)
            withoutModules.Add((declared[i].Name, declared[i].Target, null));
        return Create(withoutModules);
    }

    static TargetCollection Create(IReadOnlyList<(string Name, Target Target, string? Module)> declared)
    {
        // Plain loops over the (name, target) pairs: LINQ over value tuples is JIT-compiled on every start.
        var firstByName = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        var targets = new List<ExecutableTarget>(declared.Count);
        // A target named by its delegate is found by the lambda's method, which is unique per declaring property.
        var byMethod = new Dictionary<MethodInfo, ExecutableTarget?>();
        for (var i = 0; i < declared.Count; i++)
        {
            var (name, declaration, module) = declared[i];
            var normal = TargetNames.Normalize(name);
            if (!firstByName.TryAdd(normal, name) && !duplicates.Contains(firstByName[normal]))
                duplicates.Add(firstByName[normal]);
            targets.Add(new ExecutableTarget(name, i) { Module = module });
            byMethod[declaration.Method] = byMethod.ContainsKey(declaration.Method) ? null : targets[i];
        }
        if (duplicates.Count > 0)
            throw new UsageException($"Targets declared more than once: {string.Join(", ", duplicates)}");
        var collection = new TargetCollection(targets);
        var missing = new List<(string Name, string RequiredBy)>();
        var definitions = new List<TargetDefinition>(declared.Count);

        for (var i = 0; i < declared.Count; i++)
        {
            var definition = new TargetDefinition();
            declared[i].Target(definition);
            definitions.Add(definition);
            var target = targets[i];

            ExecutableTarget? Resolve(TargetReference reference)
            {
                var found = reference.Method is not null ? byMethod.GetValueOrDefault(reference.Method) : collection.Find(reference.Name!);
                if (found is null)
                    missing.Add((reference.ToString(), target.Name));
                return found;
            }

            target.Description = definition.DescriptionText;
            foreach (var d in definition.DependsOnTargets.Select(Resolve).OfType<ExecutableTarget>()) AddOnce(target.ExecutionDependencies, d);
            foreach (var d in definition.AfterTargets.Select(Resolve).OfType<ExecutableTarget>()) AddOnce(target.OrderDependencies, d);
            foreach (var d in definition.TriggersTargets.Select(Resolve).OfType<ExecutableTarget>()) Trigger(target, d);
            target.StaticConditions.AddRange(definition.StaticConditions);
            target.Requirements.AddRange(definition.Requirements);
            target.PlanNotes.AddRange(definition.PlanNotes);
            target.Actions.AddRange(definition.Actions);
            target.Resources.AddRange(definition.Resources.Distinct(StringComparer.Ordinal));
            target.Cache = definition.Cache;
            target.Produces.AddRange(definition.ProducedOutputs);
            foreach (var d in (definition.Cache?.UpstreamTargets ?? []).Select(Resolve).OfType<ExecutableTarget>())
            {
                AddOnce(target.CacheUpstream, d);
                AddOnce(target.ExecutionDependencies, d);
            }
        }

        collection.Producers = OutputEdges.Connect(targets, definitions);

        var notCacheable = targets.SelectMany(t => t.CacheUpstream.Where(u => u.Cache is null).Select(u => $"{t.Name} names {u.Name} as a cache upstream, but {u.Name} is not Cacheable")).ToList();
        if (notCacheable.Count > 0)
            throw new UsageException(string.Join(Environment.NewLine, notCacheable));

        if (missing.Count > 0)
            throw new UsageException(string.Join(Environment.NewLine, missing
                .GroupBy(m => m.Name)
                .Select(g => $"Missing dependency: {g.Key}, required by {string.Join(", ", g.Select(m => m.RequiredBy).Distinct())}")));
        return collection;
    }

    static void Trigger(ExecutableTarget source, ExecutableTarget triggered)
    {
        AddOnce(source.Triggers, triggered);
        AddOnce(triggered.TriggerDependencies, source);
    }

    static void AddOnce(List<ExecutableTarget> list, ExecutableTarget target)
    {
        if (!list.Contains(target))
            list.Add(target);
    }
}
