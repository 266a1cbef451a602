namespace SevStack.Host;

/// <summary>Loads and saves the change record at /var/lib/sevstack/state.json inside the root.</summary>
public static class HostStateStore
{
    public static HostChangeRecord? Load(TargetRoot root)
    {
        var path = root.Map(HostChangeRecord.StatePath);
        return File.Exists(path) ? HostChangeRecord.FromJson(File.ReadAllText(path), path) : null;
    }

    /// <summary>The state file records itself as created, so that uninstall removes it with everything else.</summary>
    public static async Task SaveAsync(HostChanges changes, CancellationToken cancellationToken = default)
    {
        await changes.BeforeChangeAsync(HostChangeRecord.StatePath, cancellationToken).ConfigureAwait(false);
        await changes.WriteAsync(HostChangeRecord.StatePath, changes.Record.ToJson(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
