namespace SevStack.Engine.Cli;

/// <summary>How an option is spelled and what it takes.</summary>
public sealed record OptionShape(string Display, OptionArity Arity, IReadOnlyList<string>? Choices = null);
