namespace SevStack.Engine.Targets;

/// <summary>Another target named in a definition: by its declaring delegate, or by name.</summary>
public sealed record TargetReference(string? Name, System.Reflection.MethodInfo? Method)
{
    public static TargetReference Of(Target target) => new(null, target.Method);
    public static TargetReference Of(string name) => new(name, null);

    public override string ToString() => Name ?? Method?.Name ?? "?";
}
