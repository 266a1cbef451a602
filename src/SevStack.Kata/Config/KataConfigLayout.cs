namespace SevStack.Kata.Config;

/// <summary>Where ConfigureKata reads the packaged defaults and what it writes (paths as on the configured system).</summary>
public sealed record KataConfigLayout
{
    public const string EtcConfiguration = "/etc/kata-containers/configuration.toml";
    public const string V1PackagedDefaults = "/usr/share/defaults/kata-containers/configuration.toml";
    public const string V3DefaultsFolder = "/opt/kata/share/defaults/kata-containers";
    public const string DropInFileName = "50-sevstack.toml";

    /// <summary>Our runtime's own configuration: Docker's runtime entry names it, so no other Kata runtime reads it.</summary>
    public const string DedicatedConfiguration = "/etc/kata-containers/configuration-sevstack.toml";

    /// <summary>
    /// The Go runtime merges <c>config.d/*.toml</c> beside its base file since kata-containers PR #4109 (2022, already
    /// present when runtime-rs issue #4771 was filed in July 2022), so every 3.x release reads drop-ins.
    /// </summary>
    public static readonly Version FirstReleaseWithDropIns = new(3, 0, 0);

    KataConfigLayout(KataConfigOutput output, string source, string target)
    {
        Output = output;
        Source = source;
        Target = target;
    }

    public KataConfigOutput Output { get; }

    /// <summary>The packaged defaults the edits start from (full file: only when <see cref="Target"/> does not exist yet).</summary>
    public string Source { get; }

    public string Target { get; }

    /// <summary>Edits <paramref name="target"/> in place, first creating it from <paramref name="packagedDefaults"/>.</summary>
    public static KataConfigLayout FullFile(string packagedDefaults, string target = EtcConfiguration) =>
        new(KataConfigOutput.FullFile, packagedDefaults, target);

    /// <summary>Writes a complete configuration of our own to <paramref name="target"/>, first created from <paramref name="packagedDefaults"/>.</summary>
    public static KataConfigLayout Dedicated(string packagedDefaults, string target = DedicatedConfiguration) =>
        new(KataConfigOutput.Dedicated, packagedDefaults, target);

    /// <summary>The file the runtime entry must name (ConfigPath, --kata-config), or null when Kata finds it by itself.</summary>
    public string? SelectedByRuntime => Output switch
    {
        KataConfigOutput.Dedicated => Target,
        // The drop-in folder is read beside the base file the runtime is started with.
        KataConfigOutput.DropIn => Source,
        _ => null,
    };

    /// <summary>Writes only the changed keys to <c>config.d/<paramref name="fileName"/></c> beside <paramref name="baseConfig"/>.</summary>
    public static KataConfigLayout DropIn(string baseConfig, string fileName = DropInFileName) =>
        new(KataConfigOutput.DropIn, baseConfig, Path.Combine(Path.GetDirectoryName(baseConfig)!, "config.d", fileName));

    /// <summary>
    /// Starts from the packaged file (1.x: /usr/share/defaults; 3.x: the SEV or SNP file of /opt/kata) and writes our
    /// dedicated file (default), /etc/kata-containers/configuration.toml (full file, read by every Kata runtime without
    /// an explicit configuration) or a config.d drop-in (3.x; applies to every runtime started from that base file).
    /// </summary>
    public static KataConfigLayout For(KataSettings settings, KataConfigOutput output)
    {
        if (settings.Generation == KataGeneration.V1)
            return output switch
            {
                KataConfigOutput.DropIn => throw new Toolkit.BuildException("Kata 1.x has no config.d drop-ins; use --kata-config-output dedicated or full-file"),
                KataConfigOutput.Dedicated => Dedicated(V1PackagedDefaults),
                _ => FullFile(V1PackagedDefaults),
            };
        var flavour = settings.Confidential == ConfidentialMode.Sev ? "configuration-qemu-sev.toml" : "configuration-qemu-snp.toml";
        var packaged = $"{V3DefaultsFolder}/{flavour}";
        if (output == KataConfigOutput.DropIn && settings.KataVersion is { } version && version < FirstReleaseWithDropIns)
            throw new Toolkit.BuildException($"Kata {version} does not read config.d drop-ins (they need Kata {FirstReleaseWithDropIns} or later); use the full-file output or a newer Kata");
        return output switch
        {
            KataConfigOutput.DropIn => DropIn(packaged),
            KataConfigOutput.Dedicated => Dedicated(packaged),
            _ => FullFile(packaged),
        };
    }
}

public enum KataConfigOutput
{
    /// <summary>A complete configuration of our runtime's own (/etc/kata-containers/configuration-sevstack.toml) that Docker's runtime entry selects.</summary>
    Dedicated,
    /// <summary>A complete configuration.toml, edited line by line.</summary>
    FullFile,
    /// <summary>A config.d drop-in holding only the keys that differ from the packaged file.</summary>
    DropIn,
}
