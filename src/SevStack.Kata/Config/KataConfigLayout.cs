namespace SevStack.Kata.Config;

/// <summary>Where ConfigureKata reads the packaged defaults and what it writes (paths as on the configured system).</summary>
public sealed record KataConfigLayout
{
    public const string EtcConfiguration = "/etc/kata-containers/configuration.toml";
    public const string V1PackagedDefaults = "/usr/share/defaults/kata-containers/configuration.toml";
    public const string V3DefaultsFolder = "/opt/kata/share/defaults/kata-containers";
    public const string DropInFileName = "50-sevstack.toml";

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

    /// <summary>Writes only the changed keys to <c>config.d/<paramref name="fileName"/></c> beside <paramref name="baseConfig"/>.</summary>
    public static KataConfigLayout DropIn(string baseConfig, string fileName = DropInFileName) =>
        new(KataConfigOutput.DropIn, baseConfig, Path.Combine(Path.GetDirectoryName(baseConfig)!, "config.d", fileName));

    /// <summary>The usual layout: 1.x edits the /etc copy of the packaged file; 3.x uses the SEV or SNP file of /opt/kata.</summary>
    public static KataConfigLayout For(KataSettings settings, KataConfigOutput output)
    {
        if (settings.Generation == KataGeneration.V1)
        {
            if (output == KataConfigOutput.DropIn)
                throw new Engine.BuildException("Kata 1.x has no config.d drop-ins; use the full-file output (/etc/kata-containers/configuration.toml)");
            return FullFile(V1PackagedDefaults);
        }
        var flavour = settings.Confidential == ConfidentialMode.Sev ? "configuration-qemu-sev.toml" : "configuration-qemu-snp.toml";
        var packaged = $"{V3DefaultsFolder}/{flavour}";
        if (output == KataConfigOutput.DropIn && settings.KataVersion is { } version && version < FirstReleaseWithDropIns)
            throw new Engine.BuildException($"Kata {version} does not read config.d drop-ins (they need Kata {FirstReleaseWithDropIns} or later); use the full-file output or a newer Kata");
        return output == KataConfigOutput.DropIn ? DropIn(packaged) : FullFile(packaged);
    }
}

public enum KataConfigOutput
{
    /// <summary>A complete configuration.toml, edited line by line.</summary>
    FullFile,
    /// <summary>A config.d drop-in holding only the keys that differ from the packaged file.</summary>
    DropIn,
}
