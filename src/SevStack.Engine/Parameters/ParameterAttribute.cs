namespace SevStack.Engine.Parameters;

/// <summary>Marks a field or property of the build as a parameter: <c>--kebab-name</c>, environment, parameter files.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}

/// <summary>A parameter whose value never appears in logs or help.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
