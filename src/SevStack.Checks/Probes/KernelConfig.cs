using System.IO.Compression;

namespace SevStack.Checks.Probes;

/// <summary>The build configuration of the running kernel: <c>/boot/config-$(uname -r)</c>, else <c>/proc/config.gz</c>.</summary>
public sealed record KernelConfig(string Path, string Release, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The value of an option (<c>y</c>, <c>m</c>, a string), or null when it is unset.</summary>
    public string? this[string option] => Options.GetValueOrDefault(option);

    public static (KernelConfig? Config, string Problem) Read(HostFiles files)
    {
        var release = files.ReadText("/proc/sys/kernel/osrelease")?.Trim();
        if (string.IsNullOrEmpty(release))
            return (null, "/proc/sys/kernel/osrelease is missing, so the running kernel is unknown");
        var bootConfig = $"/boot/config-{release}";
        if (files.ReadText(bootConfig) is { } text)
            return (new KernelConfig(bootConfig, release, Parse(text)), "");
        if (ReadCompressed(files, "/proc/config.gz") is { } embedded)
            return (new KernelConfig("/proc/config.gz", release, Parse(embedded)), "");
        return (null, $"neither {bootConfig} nor /proc/config.gz exists");
    }

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("CONFIG_", StringComparison.Ordinal)) continue;
            var equals = line.IndexOf('=');
            if (equals > 0)
                options[line[..equals]] = line[(equals + 1)..].Trim('"');
        }
        return options;
    }

    static string? ReadCompressed(HostFiles files, string path)
    {
        var full = files.Resolve(path);
        if (!File.Exists(full)) return null;
        try
        {
            using var gzip = new GZipStream(File.OpenRead(full), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            return reader.ReadToEnd();
        }
        catch (IOException) { return null; }
        catch (InvalidDataException) { return null; }
    }
}
