using System.Text.RegularExpressions;

namespace SevStack.Host.Dependencies;

/// <summary>One comma-separated part of a Depends field: alternatives of which one must be satisfied.</summary>
public sealed partial record DependencyClause(string Text, IReadOnlyList<Dependency> Alternatives)
{
    [GeneratedRegex(@"^(?<name>[a-z0-9][a-z0-9.+-]*)(:[a-z0-9-]+)?\s*(\(\s*(?<op><<|<=|=|>=|>>|<|>)\s*(?<version>[^\s)]+)\s*\))?\s*(\[[^\]]*\])?\s*(<[^>]*>\s*)*$")]
    private static partial Regex Alternative();

    /// <summary>The clauses of a Depends field; architecture qualifiers (:any) and restrictions ([amd64], &lt;!nocheck&gt;) are dropped.</summary>
    public static IReadOnlyList<DependencyClause> Parse(string field, string package) => field
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(clause => new DependencyClause(clause, clause.Split('|', StringSplitOptions.TrimEntries).Select(alternative =>
            Alternative().Match(alternative) is { Success: true } m
                ? new Dependency(m.Groups["name"].Value, m.Groups["op"].Success ? m.Groups["op"].Value : null, m.Groups["version"].Success ? m.Groups["version"].Value : null)
                : throw new SevStack.Toolkit.BuildException($"the package {package} has a Depends entry '{alternative}' that is not a Debian dependency; rebuild it with PackageDebs"))
            .ToList()))
        .ToList();
}

/// <summary>A package name, optionally with a version relation.</summary>
public sealed record Dependency(string Name, string? Relation, string? Version)
{
    public override string ToString() => Relation is null ? Name : $"{Name} ({Relation} {Version})";
}
