using SevStack.Kata;

namespace SevStack.Docker;

/// <summary>
/// The seed's systemd drop-in for docker.service: an <c>ExecStart=</c> override whose dockerd command line carries
/// <c>--add-runtime name=path</c> and <c>--default-runtime</c>. Edited token by token, so a re-run adds nothing twice.
/// </summary>
public static class DockerdDropIn
{
    public const string Path = "/etc/systemd/system/docker.service.d/kata-containers.conf";
    const string AddRuntime = "--add-runtime";
    const string DefaultRuntimeFlag = "--default-runtime";

    /// <summary>The file as the seed's docs create it, for a machine without one.</summary>
    public static string New(DockerRuntime runtime, bool makeDefault) =>
        "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -D " + AddRuntime + " " + RuntimeArgument(runtime)
        + (makeDefault ? $" {DefaultRuntimeFlag}={runtime.Name}" : "") + "\n";

    /// <summary>Registers <paramref name="runtime"/> in the last <c>ExecStart=</c> line of <paramref name="text"/>.</summary>
    public static string Apply(string text, DockerRuntime runtime, bool makeDefault)
    {
        var lines = text.Split('\n');
        var index = LastCommandLine(lines);
        if (index < 0)
            return text.TrimEnd('\n') + "\n" + New(runtime, makeDefault)["[Service]\n".Length..];

        var tokens = lines[index]["ExecStart=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        SetRuntime(tokens, runtime);
        if (makeDefault)
            SetDefault(tokens, runtime.Name);
        lines[index] = "ExecStart=" + string.Join(' ', tokens);
        return string.Join('\n', lines);
    }

    /// <summary>The runtime named by <c>--default-runtime</c> in the command line, if any.</summary>
    public static string? DefaultRuntime(string text)
    {
        var lines = text.Split('\n');
        var index = LastCommandLine(lines);
        if (index < 0)
            return null;
        var tokens = lines[index]["ExecStart=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].StartsWith(DefaultRuntimeFlag + "=", StringComparison.Ordinal))
                return tokens[i][(DefaultRuntimeFlag.Length + 1)..];
            if (tokens[i] == DefaultRuntimeFlag && i + 1 < tokens.Length)
                return tokens[i + 1];
        }
        return null;
    }

    static int LastCommandLine(string[] lines)
    {
        for (var i = lines.Length - 1; i >= 0; i--)
            if (lines[i].StartsWith("ExecStart=", StringComparison.Ordinal) && lines[i].Length > "ExecStart=".Length)
                return i;
        return -1;
    }

    static string RuntimeArgument(DockerRuntime runtime)
    {
        if (runtime.Generation != KataGeneration.V1 || runtime.Path is null)
            throw new Toolkit.BuildException($"runtime {runtime.Name}: the dockerd drop-in registers an OCI runtime binary (Kata 1.x); register Kata 3.x's shim v2 in daemon.json instead (--docker-config daemonjson)");
        if (runtime.RuntimeArgs.Count > 0)
            throw new Toolkit.BuildException($"runtime {runtime.Name}: dockerd's --add-runtime cannot pass --kata-config {runtime.ConfigPath}; use --docker-config daemon-json, or --kata-config-output full-file (/etc/kata-containers/configuration.toml, which kata-runtime reads by itself)");
        return $"{runtime.Name}={runtime.Path}";
    }

    static void SetRuntime(List<string> tokens, DockerRuntime runtime)
    {
        var argument = RuntimeArgument(runtime);
        var prefix = runtime.Name + "=";
        var lastRuntime = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == AddRuntime && i + 1 < tokens.Count)
            {
                if (tokens[i + 1].StartsWith(prefix, StringComparison.Ordinal))
                {
                    tokens[i + 1] = argument;
                    return;
                }
                lastRuntime = ++i;
            }
            else if (tokens[i].StartsWith(AddRuntime + "=", StringComparison.Ordinal))
            {
                if (tokens[i][(AddRuntime.Length + 1)..].StartsWith(prefix, StringComparison.Ordinal))
                {
                    tokens[i] = $"{AddRuntime}={argument}";
                    return;
                }
                lastRuntime = i;
            }
        }
        var insertAt = lastRuntime >= 0 ? lastRuntime + 1 : DefaultFlagIndex(tokens) is var d and >= 0 ? d : tokens.Count;
        tokens.InsertRange(insertAt, [AddRuntime, argument]);
    }

    static void SetDefault(List<string> tokens, string name)
    {
        var index = DefaultFlagIndex(tokens);
        if (index < 0)
            tokens.Add($"{DefaultRuntimeFlag}={name}");
        else if (tokens[index] == DefaultRuntimeFlag && index + 1 < tokens.Count)
            tokens[index + 1] = name;
        else
            tokens[index] = $"{DefaultRuntimeFlag}={name}";
    }

    static int DefaultFlagIndex(List<string> tokens) =>
        tokens.FindIndex(t => t == DefaultRuntimeFlag || t.StartsWith(DefaultRuntimeFlag + "=", StringComparison.Ordinal));
}
