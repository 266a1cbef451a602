using SevStack.Engine.Parameters;

namespace SevStack.Engine.Cli;

/// <summary>
/// An option the engine itself understands; the table below drives parsing, checking and --help. Options that tune how a
/// run runs may also come from SEVSTACK_&lt;NAME&gt; (<see cref="FromEnvironment"/>); what a run does (targets, --skip,
/// --plan, --help, --dry-run, --root, --rebuild) is taken from the command line only.
/// </summary>
public sealed record EngineOption(string Name, OptionArity Arity, string Description, IReadOnlyList<string>? Choices = null)
{
    public bool FromEnvironment { get; init; }

    /// <summary>Also taken from <c>.nuke/parameters[.profile].json</c> (its camel-case name), after the environment.</summary>
    public bool FromParameterFile { get; init; }

    /// <summary>For a whole-number option: the numbers it accepts.</summary>
    public ValueRangeAttribute? Range { get; init; }

    public static readonly IReadOnlyList<EngineOption> All =
    [
        new("target", OptionArity.Many, "Targets to run (positional names work too)"),
        new("skip", OptionArity.Many, "Skip these targets; with no names, skip every target that was not named"),
        new("plan", OptionArity.Flag, "Print the ordered plan with the reason for each target, then exit; '--plan mermaid' prints a mermaid graph", ["mermaid"]),
        new("help", OptionArity.Flag, "Show targets, parameters and options, then exit"),
        new("profile", OptionArity.Many, "Load .nuke/parameters.<name>.json for each name (later ones win)") { FromEnvironment = true },
        new("parallel", OptionArity.One, "Run up to N independent targets at once (default 1)") { FromEnvironment = true, Range = new(1, 1024) },
        new("dry-run", OptionArity.Flag, "Print the commands and file changes each target would make, change nothing"),
        new("root", OptionArity.One, "Repository root (default: the folder with .nuke/ above the working directory)"),
        new("verbosity", OptionArity.One, "quiet, minimal, normal or verbose (verbose also echoes tool output)", ["quiet", "minimal", "normal", "verbose"]) { FromEnvironment = true },
        new("no-color", OptionArity.Flag, "No colours (also when NO_COLOR is set)") { FromEnvironment = true },
        new("no-cache", OptionArity.Flag, "Neither restore nor store cached target outputs") { FromEnvironment = true },
        new("rebuild", OptionArity.Many, "Run these cacheable targets even on a cache hit, and replace their entries"),
        new("cache-dir", OptionArity.One, "Cache folder (default: $SEVSTACK_CACHE_DIR, else $XDG_CACHE_HOME/sevstack or ~/.cache/sevstack)") { FromEnvironment = true },
        new("cache-url", OptionArity.One, "Remote cache server (bazel-remote HTTP layout: <url>/ac/, <url>/cas/): looked up after a local miss, written after a build") { FromEnvironment = true, FromParameterFile = true },
        new("cache-read-only", OptionArity.Flag, "Look entries up on the remote cache, never upload (for untrusted builds)") { FromEnvironment = true, FromParameterFile = true },
        new("cache-header", OptionArity.One, "Header for the remote cache, e.g. 'Authorization: Bearer <token>' (default: the URL's user:password, else ~/.netrc)") { FromEnvironment = true },
        new("print-cache-key", OptionArity.Flag, "Print '<Target> <key>' on standard output for each named cacheable target, running none of them: only the targets their keys need run (the rest of the output goes to standard error)"),
        new("explain", OptionArity.Flag, "After the run, say for each cacheable target why it was rebuilt or that it was a hit") { FromEnvironment = true },
    ];

    public string Flag => "--" + Name;
}
