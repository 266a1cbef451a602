namespace SevStack.Engine.Targets;

/// <summary>A target, declared as in Nuke: <c>Target Compile => _ => _.DependsOn(Restore).Executes(...)</c>.</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
