using SevStack.Engine.Parameters;

namespace SevStack.Engine.Cli;

/// <summary>
/// Checks the value of every engine option before anything runs (also for --help and --plan), and adds those that
/// SEVSTACK_&lt;NAME&gt; variables set where the command line gives none.
/// </summary>
public static class EngineOptionValues
{
    public static ParsedCommandLine Resolve(ParsedCommandLine commandLine, ParameterEnvironment environment)
    {
        var options = new Dictionary<string, IReadOnlyList<string>>(commandLine.Options, StringComparer.Ordinal);
        foreach (var option in EngineOption.All)
        {
            var key = ParsedCommandLine.Normalize(option.Name);
            if (options.TryGetValue(key, out var given))
                Check(option, given, "the command line");
            else if (option.FromEnvironment && environment.Find(key, option.Flag) is (var variable, var text))
                options[key] = Check(option, FromText(option, text, variable), $"environment variable {variable}");
        }
        return commandLine with { Options = options };
    }

    /// <summary>
    /// Adds the options a parameter file sets (<see cref="EngineOption.FromParameterFile"/>) where the command line and
    /// the environment set none, first file winning; returns the files without those entries, which name no parameter.
    /// </summary>
    public static (ParsedCommandLine CommandLine, IReadOnlyList<ParameterFile> Files) FromFiles(ParsedCommandLine commandLine, IReadOnlyList<ParameterFile> files)
    {
        var options = new Dictionary<string, IReadOnlyList<string>>(commandLine.Options, StringComparer.Ordinal);
        var fileOptions = EngineOption.All.Where(o => o.FromParameterFile).ToDictionary(o => ParsedCommandLine.Normalize(o.Name));
        foreach (var file in files)
            foreach (var entry in file.Values)
                if (fileOptions.TryGetValue(ParameterMember.Normalize(entry.Name), out var option) && !options.ContainsKey(ParsedCommandLine.Normalize(option.Name)))
                    options[ParsedCommandLine.Normalize(option.Name)] = Check(option, FromJson(option, entry, file), $"\"{entry.Name}\" in {file.DisplayName}");
        var remaining = files.Select(f => f with { Values = f.Values.Where(v => !fileOptions.ContainsKey(ParameterMember.Normalize(v.Name))).ToList() }).ToList();
        return (commandLine with { Options = options }, remaining);
    }

    static IReadOnlyList<string> FromJson(EngineOption option, ParameterFileEntry entry, ParameterFile file) =>
        Checked(option, $"\"{entry.Name}\" in {file.DisplayName}", () => (option.Arity, entry.Value.ValueKind) switch
        {
            (OptionArity.Flag, System.Text.Json.JsonValueKind.True) => [],
            (OptionArity.Flag, System.Text.Json.JsonValueKind.False) => ["false"],
            (OptionArity.One, System.Text.Json.JsonValueKind.String) => [entry.Value.GetString()!],
            _ => throw new FormatException(option.Arity == OptionArity.Flag ? "expects true or false" : "expects a string"),
        });

    static IReadOnlyList<string> Check(EngineOption option, IReadOnlyList<string> values, string where) =>
        Checked(option, where, () =>
        {
            foreach (var value in values)
            {
                if (option.Arity == OptionArity.Flag)
                {
                    if (option.Choices?.Contains(value) != true)
                        ParameterValues.Convert(typeof(bool), [value]);
                    continue;
                }
                ParameterValues.Convert(option.Range is null ? typeof(string) : typeof(long), [value], option.Range);
                if (option.Choices is { } allowed && !allowed.Contains(value))
                    throw new FormatException($"expects one of {string.Join(", ", allowed)}");
            }
            return values;
        });

    /// <summary>A variable's text as the command line would give it: a switch's true/false, a list split at spaces.</summary>
    static IReadOnlyList<string> FromText(EngineOption option, string text, string variable) =>
        Checked(option, $"environment variable {variable}", () => option.Arity switch
        {
            OptionArity.Flag => (bool)ParameterValues.Convert(typeof(bool), [text])! ? [] : ["false"],
            OptionArity.Many => (string[])ParameterValues.Convert(typeof(string[]), [(string)ParameterValues.Convert(typeof(string), [text])!])!,
            _ => [text],
        });

    static IReadOnlyList<string> Checked(EngineOption option, string where, Func<IReadOnlyList<string>> check)
    {
        try { return check(); }
        catch (FormatException e) { throw new UsageException($"Invalid value for {option.Flag} (from {where}): it {e.Message}"); }
    }
}
