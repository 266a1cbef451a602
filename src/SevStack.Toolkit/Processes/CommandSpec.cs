namespace SevStack.Toolkit.Processes;

/// <summary>What to run: the exact argv, where, with which environment changes.</summary>
public sealed record CommandSpec(string Program, IReadOnlyList<string> Arguments)
{
    public CommandSpec(string program, params string[] arguments) : this(program, (IReadOnlyList<string>)arguments) { }

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (or, with a null value, remove) on top of the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs through sudo when the build is not root.</summary>
    public bool NeedsRoot { get; init; }

    /// <summary>Reads state and changes nothing, so it runs for real in a dry run too.</summary>
    public bool IsQuery { get; init; }

    /// <summary>A non-zero exit code is returned instead of thrown.</summary>
    public bool AllowFailure { get; init; }

    /// <summary>Text written to the standard input of the process.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Names of environment variables whose values must never be logged.</summary>
    public IReadOnlySet<string> SecretVariables { get; init; } = new HashSet<string>();

    public CommandSpec WithArguments(params string[] more) => this with { Arguments = [.. Arguments, .. more] };

    public string Describe()
    {
        // env takes its options before the assignments, so the line runs as printed: -u NAME first.
        var env = Environment.Where(kv => kv.Value is null).Select(kv => $"-u {kv.Key}")
            .Concat(Environment.Where(kv => kv.Value is not null)
                .Select(kv => $"{kv.Key}={(SecretVariables.Contains(kv.Key) ? "****" : ShellQuote.Quote(kv.Value!))}"));
        var argv = Arguments.Prepend(Program).Select(ShellQuote.Quote);
        var envPart = Environment.Count == 0 ? "" : "env " + string.Join(' ', env) + " ";
        return envPart + string.Join(' ', argv);
    }
}
