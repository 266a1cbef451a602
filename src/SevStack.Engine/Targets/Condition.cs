namespace SevStack.Engine.Targets;

/// <summary>A condition or requirement together with what it says when it fails, for messages.</summary>
public sealed record Condition(Func<bool> Evaluate, Func<string> Describe)
{
    public Condition(Func<bool> evaluate, string text) : this(evaluate, () => text) { }

    public string Text => Describe();
}
