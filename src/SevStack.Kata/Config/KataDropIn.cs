namespace SevStack.Kata.Config;

/// <summary>Builds a config.d drop-in: the keys whose value differs between the packaged file and its edited copy.</summary>
public static class KataDropIn
{
    public static string Build(TomlConfigDocument packaged, TomlConfigDocument edited, string packagedPath, string targetPath)
    {
        var dropIn = TomlConfigDocument.Empty(targetPath);
        foreach (var table in edited.TableNames)
        {
            var editedEntries = edited.Entries(table).ToDictionary(e => e.Key, e => e.Value);
            foreach (var (key, value) in editedEntries)
                if (packaged.Get(table, key) != value)
                    dropIn.Set(table, key, value);
            // A key the edits commented out (image or initrd) must be emptied, since a drop-in cannot delete it.
            foreach (var (key, value) in packaged.Entries(table))
                if (!editedEntries.ContainsKey(key) && value.AsString is not null)
                    dropIn.Set(table, key, TomlScalar.Of(""));
        }
        var header = $"# Written by SevStack ConfigureKata; overrides {packagedPath}.\n# Kata merges config.d/*.toml over the base file in name order.\n\n";
        return header + dropIn.ToString();
    }
}
