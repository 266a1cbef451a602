namespace SevStack.Kata.Config;

/// <summary>Applies <see cref="KataSettings"/> to a parsed Kata configuration, key by key.</summary>
public static class KataConfigEditor
{
    public const string Hypervisor = "hypervisor.qemu";

    /// <returns>One line per key that changed, for the log.</returns>
    public static IReadOnlyList<string> Apply(TomlConfigDocument config, KataSettings settings)
    {
        var changes = new List<string>();
        void Set(string table, string key, TomlScalar value, string? after = null)
        {
            if (config.Set(table, key, value, after))
                changes.Add($"[{table}] {key} = {value}");
        }
        void SetText(string key, string? value, string? after = null)
        {
            if (value is not null)
                Set(Hypervisor, key, TomlScalar.Of(value), after);
        }

        SetText("path", settings.HypervisorPath);
        SetText("kernel", settings.Kernel, after: "path");
        if (settings.Rootfs is { } rootfs)
        {
            SetText(rootfs.Key, rootfs.Path, after: "kernel");
            if (config.CommentOut(Hypervisor, rootfs.OtherKey))
                changes.Add($"[{Hypervisor}] {rootfs.OtherKey} commented out (only one of image and initrd may be set)");
        }
        SetText("machine_type", settings.MachineType, after: settings.Rootfs?.Key ?? "kernel");
        SetText("firmware", settings.Firmware, after: "kernel_params");
        SetText("block_device_driver", settings.BlockDeviceDriver);
        ApplyConfidential(config, settings, Set);

        var before = config.GetString(Hypervisor, "kernel_params");
        var after = EditKernelParams(before, settings);
        if (!KernelParams.Split(before).SequenceEqual(KernelParams.Split(after)))
            Set(Hypervisor, "kernel_params", TomlScalar.Of(after), after: "machine_type");

        CollapseDoubleSlashes(config, changes);

        if (settings.EnableDebug is { } debug)
            foreach (var table in config.TableNames.ToList())
                if (config.Mentions(table, "enable_debug") && (debug || config.Get(table, "enable_debug") is not null))
                    Set(table, "enable_debug", TomlScalar.Of(debug));
        return changes;
    }

    static void ApplyConfidential(TomlConfigDocument config, KataSettings settings, Action<string, string, TomlScalar, string?> set)
    {
        switch (settings.Generation, settings.Confidential)
        {
            case (_, ConfidentialMode.Unchanged):
                return;
            case (KataGeneration.V1, ConfidentialMode.Sev):
                set(Hypervisor, "enable_mem_encryption", TomlScalar.Of(true), "firmware");
                return;
            case (KataGeneration.V3, ConfidentialMode.Sev):
                set(Hypervisor, "confidential_guest", TomlScalar.Of(true), "machine_type");
                if (config.Get(Hypervisor, "sev_snp_guest") is not null)
                    set(Hypervisor, "sev_snp_guest", TomlScalar.Of(false), "confidential_guest");
                return;
            case (KataGeneration.V3, ConfidentialMode.Snp):
                set(Hypervisor, "confidential_guest", TomlScalar.Of(true), "machine_type");
                set(Hypervisor, "sev_snp_guest", TomlScalar.Of(true), "confidential_guest");
                return;
            default:
                throw new InvalidOperationException($"{settings.Confidential} is not available for Kata {settings.Generation}; KataConfigLint.CheckSettings refuses it first");
        }
    }

    /// <summary>`make install` with the default PREFIX=/usr/ writes paths like /usr//bin/...; the seed fixed them the same way.</summary>
    static void CollapseDoubleSlashes(TomlConfigDocument config, List<string> changes)
    {
        foreach (var table in config.TableNames.ToList())
            foreach (var (key, value) in config.Entries(table).ToList())
                if (value.AsString is { } text && text.StartsWith('/') && text.Contains("//", StringComparison.Ordinal) && !text.Contains(' '))
                {
                    var collapsed = text;
                    while (collapsed.Contains("//", StringComparison.Ordinal))
                        collapsed = collapsed.Replace("//", "/", StringComparison.Ordinal);
                    if (config.Set(table, key, TomlScalar.Of(collapsed)))
                        changes.Add($"[{table}] {key} = \"{collapsed}\" (doubled slashes removed)");
                }
    }

    static string EditKernelParams(string? line, KataSettings settings)
    {
        var result = line ?? "";
        foreach (var parameter in settings.KernelParams)
            result = KernelParams.Set(result, parameter);
        if (settings.Swiotlb is { } slabs)
            result = KernelParams.Set(result, $"swiotlb={slabs}");
        if (settings.EnableDebug == true)
            result = KernelParams.Set(KernelParams.Set(result, "agent.log=debug"), "initcall_debug");
        else if (settings.EnableDebug == false)
            result = KernelParams.RemoveExact(KernelParams.RemoveExact(result, "agent.log=debug"), "initcall_debug");
        result = settings.BlockDeviceDriver switch
        {
            "virtio-scsi" => KernelParams.Replace(result, "root=/dev/vda1", "root=/dev/sda1"),
            "virtio-blk" => KernelParams.Replace(result, "root=/dev/sda1", "root=/dev/vda1"),
            _ => result,
        };
        return result;
    }
}
