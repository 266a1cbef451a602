namespace SevStack.Engine.Targets;

/// <summary>An output a target declares, with how to read it back when the target did not hand it over in this run.</summary>
public sealed record ProducedOutput(TargetOutput Output, Func<object?>? Restore);
