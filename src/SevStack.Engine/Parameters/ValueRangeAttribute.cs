using System.Globalization;

namespace SevStack.Engine.Parameters;

/// <summary>The whole numbers a parameter accepts, checked when its value is read (command line, environment, file).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ValueRangeAttribute(long minimum, long maximum) : Attribute
{
    public long Minimum { get; } = minimum;

    public long Maximum { get; } = maximum;

    public bool Contains(long value) => value >= Minimum && value <= Maximum;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Minimum}..{Maximum}");
}
