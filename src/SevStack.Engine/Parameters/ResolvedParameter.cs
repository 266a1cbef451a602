namespace SevStack.Engine.Parameters;

/// <summary>A parameter's final value and where it came from ("command line", "environment X", "profile p", "default").</summary>
public sealed record ResolvedParameter(ParameterMember Member, object? Value, string Source)
{
    public string DisplayValue => Member.IsSecret && Value is not null ? "****" : ParameterValues.Format(Value);
}
