namespace SevStack.Engine.Targets;

/// <summary>
/// A typed value one target produces and later targets consume. The engine hands it over, whether the producer ran in
/// this run, was restored from the cache, or (skipped) left it to be read back by its restore function.
/// </summary>
public abstract class TargetOutput(string name)
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}

public sealed class TargetOutput<T>(string name) : TargetOutput(name) where T : class;
