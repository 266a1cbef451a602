namespace SevStack.Engine.Parameters;

/// <summary>
/// Resolves every parameter, first source wins: command line, environment (SEVSTACK_ prefix, then case and '_'
/// ignored), parameter files (profiles first, later profiles winning), then the initializer.
/// </summary>
public sealed class ParameterResolver(
    IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine,
    ParameterEnvironment environment,
    IReadOnlyList<ParameterFile> filesByPriority)
{
    public IReadOnlyList<ResolvedParameter> Resolve(IReadOnlyList<ParameterMember> members)
    {
        CheckFilesNameKnownParameters(members);
        var resolved = new List<ResolvedParameter>(members.Count);
        foreach (var member in members)
        {
            var (value, source) = Find(member);
            member.SetValue(value);
            resolved.Add(new ResolvedParameter(member, value, source));
        }
        return resolved;
    }

    (object? Value, string Source) Find(ParameterMember member)
    {
        if (commandLine.TryGetValue(member.NormalizedName, out var cli))
            return (Convert(member, () => ParameterValues.Convert(member.Type, member.IsFlag && cli.Count == 0 ? ["true"] : cli, member.Range), "the command line"), "command line");

        if (environment.Find(member.NormalizedName, member.FlagName) is (var variable, var text))
            return (Convert(member, () => ParameterValues.Convert(member.Type, [text], member.Range), $"environment variable {variable}"), $"environment {variable}");

        foreach (var file in filesByPriority)
            foreach (var entry in file.Values)
                if (ParameterMember.Normalize(entry.Name) == member.NormalizedName)
                    return (Convert(member, () => ParameterValues.Convert(member.Type, entry.Value, member.Range), $"\"{entry.Name}\" in {file.DisplayName}"), file.DisplayName);

        return (member.DefaultValue, "default");
    }

    static object? Convert(ParameterMember member, Func<object?> convert, string where)
    {
        try { return convert(); }
        catch (FormatException e) { throw new UsageException($"Invalid value for {member.FlagName} (from {where}): it {e.Message}"); }
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
