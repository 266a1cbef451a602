using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;

namespace SevStack.Kata.Config;

/// <summary>
/// The ConfigureKata step: reads the packaged Kata configuration, applies <see cref="KataSettings"/> through the TOML
/// syntax tree, lints the result and writes it through <see cref="HostChanges"/> (backed up once, recorded for
/// UninstallHost, a diff in a dry run). Running it twice changes nothing.
/// </summary>
public sealed class KataConfigWriter(IBuildLog log)
{
    /// <summary>What ConfigureKata needs root for, for the preflight message.</summary>
    public const string NeedsRootFor = "files under /etc/kata-containers and /opt/kata";

    /// <returns>True when the configuration file changed (or would change in a dry run).</returns>
    public async Task<bool> ApplyAsync(KataSettings settings, KataConfigLayout layout, HostChanges changes, CancellationToken cancellationToken = default)
    {
        ThrowIfAny(KataConfigLint.CheckSettings(settings));
        if (settings is { Generation: KataGeneration.V3, Confidential: ConfidentialMode.Sev, KataVersion: null })
            log.Warning($"the Kata version is unknown, so plain SEV support (Kata {KataConfigLint.LastReleaseWithPlainSev} at most) cannot be checked");
        var root = changes.Root;
        var target = root.Map(layout.Target);
        var source = root.Map(layout.Source);

        string newText;
        if (layout.Output != KataConfigOutput.DropIn)
        {
            var startFrom = File.Exists(target) ? target : source;
            var config = TomlConfigDocument.Parse(ReadRequired(startFrom), startFrom);
            RequireQemu(config);
            LogChanges(KataConfigEditor.Apply(config, settings));
            ThrowIfAny(KataConfigLint.CheckConfig(config, root));
            newText = config.ToString();
        }
        else
        {
            var text = ReadRequired(source);
            var packaged = TomlConfigDocument.Parse(text, source);
            RequireQemu(packaged);
            var effective = TomlConfigDocument.Parse(text, $"{source} with {layout.Target}");
            WarnAboutOtherDropIns(target);
            LogChanges(KataConfigEditor.Apply(effective, settings));
            ThrowIfAny(KataConfigLint.CheckConfig(effective, root));
            newText = KataDropIn.Build(packaged, effective, layout.Source, layout.Target);
        }
        if (await changes.WriteAsync(layout.Target, newText, cancellationToken: cancellationToken).ConfigureAwait(false))
            return true;
        log.Info($"{target} unchanged");
        return false;
    }

    void WarnAboutOtherDropIns(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
            return;
        var others = Directory.GetFiles(folder, "*.toml").Where(f => f != target).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
            log.Warning($"{folder} also holds {string.Join(", ", others)}; Kata merges them in name order with {Path.GetFileName(target)}, and they were not checked");
    }

    void LogChanges(IReadOnlyList<string> changes)
    {
        foreach (var change in changes)
            log.Info("  " + change);
    }

    static void RequireQemu(TomlConfigDocument config)
    {
        if (!config.TableNames.Contains(KataConfigEditor.Hypervisor))
            throw new BuildException($"{config.Path} has no [{KataConfigEditor.Hypervisor}] section, so it is not a QEMU configuration (SEV needs QEMU); start from configuration-qemu*.toml");
    }

    static string ReadRequired(string path) => File.Exists(path)
        ? File.ReadAllText(path)
        : throw new BuildException($"{path} not found: the packaged Kata configuration is missing; install Kata first (InstallHost) or pass the file it was installed as");

    static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
            throw new BuildException(string.Join(Environment.NewLine, problems));
    }
}
