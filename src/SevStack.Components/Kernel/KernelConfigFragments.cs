namespace SevStack.Components.Kernel;

/// <summary>Extra options from <c>patches/kernel/*.config</c> fragments, applied in file-name order.</summary>
public static class KernelConfigFragments
{
    public static IReadOnlyList<string> FilesIn(string? directory) =>
        directory is null || !Directory.Exists(directory)
            ? []
            : Directory.GetFiles(directory, "*.config").Order(StringComparer.Ordinal).ToList();

    /// <summary>All settings of the fragments; a later fragment overrides an earlier one.</summary>
    public static IReadOnlyList<KconfigSetting> Read(IEnumerable<string> files)
    {
        var merged = new Dictionary<string, KconfigSetting>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var file in files)
            foreach (var setting in KernelConfigFile.Read(file).Settings)
            {
                if (!merged.ContainsKey(setting.Name))
                    order.Add(setting.Name);
                merged[setting.Name] = setting;
            }
        return order.Select(n => merged[n]).ToList();
    }
}
