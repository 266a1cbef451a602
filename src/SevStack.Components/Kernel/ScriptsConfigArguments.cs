namespace SevStack.Components.Kernel;

/// <summary>Turns settings into the arguments of the kernel's <c>scripts/config</c>.</summary>
public static class ScriptsConfigArguments
{
    public static IReadOnlyList<string> For(string configFile, IEnumerable<KconfigSetting> settings)
    {
        var arguments = new List<string> { "--file", configFile };
        foreach (var s in settings)
        {
            switch (s.Value)
            {
                case "y": arguments.AddRange(["--enable", s.Name]); break;
                case "m": arguments.AddRange(["--module", s.Name]); break;
                case "n": arguments.AddRange(["--disable", s.Name]); break;
                default:
                    if (s.IsString) arguments.AddRange(["--set-str", s.Name, s.TextValue]);
                    else arguments.AddRange(["--set-val", s.Name, s.Value]);
                    break;
            }
        }
        return arguments;
    }

    /// <summary>Later settings of the same option replace earlier ones; the first position is kept.</summary>
    public static IReadOnlyList<KconfigSetting> Merge(params IEnumerable<KconfigSetting>[] layers)
    {
        var byName = new Dictionary<string, KconfigSetting>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var setting in layers.SelectMany(l => l))
        {
            if (!byName.ContainsKey(setting.Name))
                order.Add(setting.Name);
            byName[setting.Name] = setting;
        }
        return order.Select(n => byName[n]).ToList();
    }
}
