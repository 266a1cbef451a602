namespace SevStack.Engine.Parameters;

/// <summary>
/// Resolves every parameter, first source wins: command line, environment (case and '_' ignored, optional
/// SEVSTACK_ prefix), parameter files (profiles first, later profiles winning), then the initializer.
/// </summary>
public sealed class ParameterResolver(
    IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine,
    IReadOnlyDictionary<string, string> environment,
    IReadOnlyList<ParameterFile> filesByPriority)
{
    public const string EnvironmentPrefix = "sevstack";

    public IReadOnlyList<ResolvedParameter> Resolve(object build, IReadOnlyList<ParameterMember> members)
    {
        CheckFilesNameKnownParameters(members);
        var environmentByName = EnvironmentByNormalizedName();
        var resolved = new List<ResolvedParameter>(members.Count);
        foreach (var member in members)
        {
            var (value, source) = Find(member, environmentByName);
            member.SetValue(build, value);
            resolved.Add(new ResolvedParameter(member, value, source));
        }
        return resolved;
    }

    (object? Value, string Source) Find(ParameterMember member, Dictionary<string, List<string>> environmentByName)
    {
        if (commandLine.TryGetValue(member.NormalizedName, out var cli))
            return (Convert(member, () => ParameterValues.Convert(member.Type, member.IsFlag && cli.Count == 0 ? ["true"] : cli), member.FlagName), "command line");

        var names = environmentByName.GetValueOrDefault(EnvironmentPrefix + member.NormalizedName)
            ?? environmentByName.GetValueOrDefault(member.NormalizedName);
        if (names is { Count: > 1 })
            throw new UsageException($"Environment variables {string.Join(" and ", names)} both set {member.FlagName}: unset one of them");
        if (names is [var variable])
            return (Convert(member, () => ParameterValues.Convert(member.Type, [environment[variable]]), $"environment variable {variable}"), $"environment {variable}");

        foreach (var file in filesByPriority)
            foreach (var entry in file.Values)
                if (ParameterMember.Normalize(entry.Name) == member.NormalizedName)
                    return (Convert(member, () => ParameterValues.Convert(member.Type, entry.Value), $"\"{entry.Name}\" in {file.DisplayName}"), file.DisplayName);

        return (member.DefaultValue, "default");
    }

    static object? Convert(ParameterMember member, Func<object?> convert, string where)
    {
        try { return convert(); }
        catch (FormatException e) { throw new UsageException($"Invalid value for {member.FlagName} (from {where}): it {e.Message}"); }
    }

    Dictionary<string, List<string>> EnvironmentByNormalizedName()
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in environment.Keys.Order(StringComparer.Ordinal))
        {
            var key = ParameterMember.Normalize(name);
            if (!map.TryGetValue(key, out var list))
                map[key] = list = [];
            list.Add(name);
        }
        return map;
    }

    void CheckFilesNameKnownParameters(IReadOnlyList<ParameterMember> members)
    {
        var known = members.Select(m => m.NormalizedName).ToHashSet();
        foreach (var file in filesByPriority)
            foreach (var key in file.Values.Select(v => v.Name).Where(k => !known.Contains(ParameterMember.Normalize(k))))
            {
                var closest = members.Select(m => m.Name).MinBy(n => Targets.TargetNames.Distance(n, key));
                throw new UsageException($"Unknown parameter \"{key}\" in {file.DisplayName}{(closest is null ? "" : $" (did you mean \"{closest}\"?)")}: remove it or fix its name");
            }
    }
}
