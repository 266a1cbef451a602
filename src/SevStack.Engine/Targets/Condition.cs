namespace SevStack.Engine.Targets;

/// <summary>A condition or requirement together with the source text that declared it, for messages.</summary>
public sealed record Condition(Func<bool> Evaluate, string Text);
