using System.Text.RegularExpressions;
using SevStack.Host;

namespace SevStack.Kata.Config;

/// <summary>Refuses Kata configurations known not to boot, each with one line saying what and how to fix it.</summary>
public static partial class KataConfigLint
{
    /// <summary>The last Kata release that still ships plain SEV (<c>configuration-qemu-sev.toml</c>); 3.19.0 removed it.</summary>
    public static readonly Version LastReleaseWithPlainSev = new(3, 18, 0);

    const string Q = KataConfigEditor.Hypervisor;

    /// <summary>Problems visible from the settings alone, before any file is read.</summary>
    public static IReadOnlyList<string> CheckSettings(KataSettings settings)
    {
        var problems = new List<string>();
        if (settings.Generation == KataGeneration.V1 && settings.Confidential == ConfidentialMode.Snp)
            problems.Add("SEV-SNP was requested with Kata 1.x, whose AMD SEV fork knows plain SEV only; use --kata-generation 3 for SNP");
        if (settings.Generation == KataGeneration.V3 && settings.Confidential == ConfidentialMode.Sev
            && settings.KataVersion is { } version && version > LastReleaseWithPlainSev)
            problems.Add($"plain SEV was requested with Kata {version}, but Kata removed SEV after {LastReleaseWithPlainSev} (SNP only since 3.19.0); pin --kata-version {LastReleaseWithPlainSev} or request SNP");
        if (settings.Rootfs is { Path: "" })
            problems.Add($"an empty {settings.Rootfs.Key} path was given; pass the guest {settings.Rootfs.Key} file");
        return problems;
    }

    /// <summary>Problems in the configuration Kata will read (after the edits), with paths checked inside <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> CheckConfig(TomlConfigDocument config, TargetRoot root)
    {
        var where = config.Path;
        var problems = new List<string>();
        string Text(string key) => config.GetString(Q, key) ?? "";

        var image = Text("image");
        var initrd = Text("initrd");
        if (image.Length > 0 && initrd.Length > 0)
            problems.Add($"{where}: [{Q}] sets both image = \"{image}\" and initrd = \"{initrd}\"; Kata accepts only one, so keep the one you built and comment out the other");

        var confidential = config.Get(Q, "confidential_guest")?.AsBoolean == true
                           || config.Get(Q, "enable_mem_encryption")?.AsBoolean == true;
        var snp = config.Get(Q, "sev_snp_guest")?.AsBoolean == true;
        var sharedFs = Text("shared_fs");
        if (confidential && sharedFs.StartsWith("virtio-fs", StringComparison.Ordinal))
            problems.Add($"{where}: [{Q}] shared_fs = \"{sharedFs}\" with an encrypted {(snp ? "SEV-SNP" : "SEV")} guest; virtio-fs cannot work in encrypted guest memory, set shared_fs = \"none\" (or virtio-9p)");
        if (confidential && Text("block_device_driver") == "nvdimm")
            problems.Add($"{where}: [{Q}] block_device_driver = \"nvdimm\" with an encrypted guest; NVDIMM devices do not work in confidential guests, use virtio-scsi or virtio-blk");
        if (confidential && image.Length > 0 && config.Get(Q, "disable_image_nvdimm")?.AsBoolean == false)
            problems.Add($"{where}: [{Q}] the guest image is passed as an NVDIMM (disable_image_nvdimm = false) to an encrypted guest, which cannot use NVDIMM; set disable_image_nvdimm = true");
        if (confidential && Text("firmware").Length == 0)
            problems.Add($"{where}: [{Q}] firmware is empty for an encrypted guest, so QEMU would use SeaBIOS, which cannot start SEV guests; set firmware to an OVMF (AmdSev) build");

        foreach (var key in new[] { "kernel", "firmware", "image", "initrd" })
        {
            var path = Text(key);
            if (path.Length == 0 || Placeholder().IsMatch(path))
                continue;
            if (!path.StartsWith('/'))
                problems.Add($"{where}: [{Q}] {key} = \"{path}\" is not an absolute path; Kata needs absolute paths");
            else if (!File.Exists(root.Map(path)))
                problems.Add($"{where}: [{Q}] {key} = \"{path}\" does not exist in {root.Path}; install it first (BuildKata/InstallHost) or point {key} at the installed file");
        }

        foreach (var (key, value) in config.Entries(Q))
            if (value.AsString is { } text && Placeholder().IsMatch(text))
                problems.Add($"{where}: [{Q}] {key} = \"{text}\" still holds a build-time placeholder; use the installed configuration, not the .toml.in template");
        return problems;
    }

    [GeneratedRegex("@[A-Z0-9_]+@")]
    private static partial Regex Placeholder();
}
