namespace SevStack.Engine.Cli;

public enum OptionArity
{
    /// <summary>No value: <c>--dry-run</c> (or <c>--dry-run=false</c>).</summary>
    Flag,
    /// <summary>Exactly one value.</summary>
    One,
    /// <summary>Zero or more values, up to the next option.</summary>
    Many,
}
