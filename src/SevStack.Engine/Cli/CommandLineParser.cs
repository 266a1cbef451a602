namespace SevStack.Engine.Cli;

/// <summary>
/// Splits argv into targets and options. The arity of each option decides whether the tokens after it are its
/// values or more target names, so <c>--dry-run InstallHost</c> means the flag and a target.
/// </summary>
public static class CommandLineParser
{
    public static ParsedCommandLine Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, OptionShape> known)
    {
        var targets = new List<string>();
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                targets.AddRange(token.Split('+', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }

            var (name, inline) = token.IndexOf('=') is var eq and > 0 ? (token[2..eq], token[(eq + 1)..]) : (token[2..], null);
            var key = ParsedCommandLine.Normalize(name);
            var shape = known.GetValueOrDefault(key) ?? throw UnknownOption(name, known.Values);
            if (options.ContainsKey(key) && shape.Arity != OptionArity.Many)
                throw new UsageException($"--{name} is given more than once: keep one");

            var values = new List<string>();
            if (inline is not null)
                values.Add(inline);
            else if (shape.Arity == OptionArity.One)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"--{name} needs a value");
                values.Add(args[++i]);
            }
            else if (shape.Arity == OptionArity.Many)
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    values.Add(args[++i]);
            else if (i + 1 < args.Count && (shape.Choices ?? ["true", "false"]).Contains(args[i + 1]))
                values.Add(args[++i]);

            if (shape.Choices is { } allowed && shape.Arity != OptionArity.Flag && values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad)
                throw new UsageException($"--{name} does not accept '{bad}': use one of {string.Join(", ", allowed)}");

            options[key] = options.TryGetValue(key, out var earlier) ? [.. earlier, .. values] : values;
        }

        return new ParsedCommandLine(targets, options);
    }

    static UsageException UnknownOption(string name, IEnumerable<OptionShape> known)
    {
        var closest = Targets.TargetNames.ClosestMatch(name, known.Select(o => o.Display.TrimStart('-')));
        return new UsageException($"Unknown option --{name}.{(closest is null ? "" : $" Did you mean --{closest}?")} See --help for the options and parameters.");
    }
}
