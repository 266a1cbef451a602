using System.Text;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Caching;

/// <summary>
/// What a cacheable target's outputs depend on, and where those outputs live. Values are functions, evaluated
/// just before the target would run (after its upstream targets ran), never when the target is declared.
/// </summary>
public sealed class CacheDeclaration
{
    internal string RecipeVersion { get; private set; } = "1";
    internal List<(string Name, Func<TargetContext, Task<string>> Value)> Inputs { get; } = [];
    internal List<(string Name, IReadOnlyList<string> VersionCommand)> Tools { get; } = [];
    internal List<(string Name, string Package)> Packages { get; } = [];
    internal List<TargetReference> UpstreamTargets { get; } = [];
    internal List<Func<string>> Outputs { get; } = [];
    internal bool LooksUpFirst { get; private set; }

    /// <summary>The version of the target's own recipe: bump it whenever the body changes what it produces.</summary>
    public CacheDeclaration Recipe(string version) { RecipeVersion = version; return this; }

    public CacheDeclaration Input(string name, string? value) => Input(name, () => value);

    public CacheDeclaration Input(string name, Func<string?> value) => Input(name, _ => Task.FromResult(value()));

    /// <summary>An input that needs the target's runner to be known (a resolved config, a <c>git rev-parse</c>).</summary>
    public CacheDeclaration Input(string name, Func<TargetContext, Task<string?>> value)
    {
        Inputs.Add((name, async c => await value(c).ConfigureAwait(false) ?? "(none)"));
        return this;
    }

    /// <summary>The SHA-256 of one file's content (a resolved <c>.config</c>, a tarball).</summary>
    public CacheDeclaration InputFile(string name, Func<string> path) =>
        Input(name, () => "sha256:" + FileHashes.Sha256(RequireFile(path(), name)));

    /// <summary>An ordered list of files (patches): name and SHA-256 of each, line endings normalised; order counts.</summary>
    public CacheDeclaration InputFiles(string name, Func<IEnumerable<string>> paths) =>
        Input(name, () => string.Join('\n', paths().Select(p => $"{Path.GetFileName(p)} sha256:{NormalisedTextHash(RequireFile(p, name))}")));

    /// <summary>
    /// A program whose Debian package's version is part of the key (<see cref="Toolkit.Processes.ToolPackages"/> names the
    /// package): the installed version, or apt's candidate when it is not installed yet, so the key needs no installed tool.
    /// </summary>
    public CacheDeclaration Tool(string program) =>
        Package(program, Toolkit.Processes.ToolPackages.For(program)
            ?? throw new ArgumentException($"no Debian package is known for the tool '{program}': add it to ToolPackages, or declare Tool(name, versionCommand)", nameof(program)));

    /// <summary>A library found with pkg-config (glib-2.0) whose development package's version is part of the key, as <see cref="Tool(string)"/>.</summary>
    public CacheDeclaration Library(string module) =>
        Package(module, Toolkit.Processes.ToolPackages.ForLibrary(module)
            ?? throw new ArgumentException($"no Debian package is known for the library '{module}': add it to ToolPackages", nameof(module)));

    CacheDeclaration Package(string name, string package) { Packages.Add((name, package)); return this; }

    /// <summary>
    /// A tool no Debian package provides, whose version is part of the key: the first line the version command prints (run
    /// once per build). A target with such a tool that is not installed yet looks up after its dependencies ran.
    /// </summary>
    public CacheDeclaration Tool(string name, params string[] versionCommand)
    {
        if (versionCommand.Length == 0)
            throw new ArgumentException("a version command is needed, e.g. Tool(\"gcc\", \"gcc\", \"--version\")", nameof(versionCommand));
        Tools.Add((name, versionCommand));
        return this;
    }

    /// <summary>Cacheable targets whose outputs this one consumes: their keys join this key, and they become dependencies.</summary>
    public CacheDeclaration Upstream(params Target[] targets) { UpstreamTargets.AddRange(targets.Select(TargetReference.Of)); return this; }

    public CacheDeclaration Upstream(params string[] targets) { UpstreamTargets.AddRange(targets.Select(TargetReference.Of)); return this; }

    /// <summary>
    /// The key needs no output of the target's dependencies (sources pinned by a lock, local files, parameters, installed
    /// tools): it is computed and looked up (local, then remote) before they run, and on a hit the dependencies that
    /// only such hits need are skipped (a fetch, an install of build tools). An input that does read a dependency's output
    /// makes the target look up after its dependencies, as without this.
    /// </summary>
    public CacheDeclaration LookUpFirst() { LooksUpFirst = true; return this; }

    /// <summary>A file or folder the target produces; stored on success and restored on a hit.</summary>
    public CacheDeclaration Output(string path) => Output(() => path);

    public CacheDeclaration Output(Func<string> path) { Outputs.Add(path); return this; }

    static string RequireFile(string path, string input) =>
        File.Exists(path) ? path : throw new BuildException($"Cache input '{input}': {path} does not exist");

    static string NormalisedTextHash(string path)
    {
        var text = File.ReadAllBytes(path);
        var normalised = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(text).Replace("\r\n", "\n", StringComparison.Ordinal));
        return FileHashes.Sha256(normalised);
    }
}
