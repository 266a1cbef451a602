using SevStack.Sources.Specs;

namespace SevStack.Sources.Locking;

/// <summary>What --plan says a source will be fetched as: the lock's entry for it, or that the fetch resolves and records it.</summary>
public static class LockPlanText
{
    public static string Describe(string component, string spec, SourceLock sourceLock, FetchOptions options)
    {
        var parsed = SourceSpec.Parse(spec);
        var key = $"{options.Profile}/{component}";
        var entry = sourceLock.Find(options.Profile, component);
        if (options.UpdateLock)
            return $"{component}: {parsed.Text}, resolved again when fetched and recorded as {key} in {SourceLock.FileName} (--update-lock)";
        if (entry is null)
            return $"{component}: {parsed.Text}, not in {SourceLock.FileName} (no {key} entry): resolved when fetched and recorded there";
        if (entry.Spec != parsed.Text)
            return $"{component}: {parsed.Text}, not the spec {SourceLock.FileName} pins for {key} ({entry.Spec}): resolved when fetched and recorded in its place";
        return $"{component}: {parsed.Text}, pinned by {SourceLock.FileName} ({key}): {entry.Kind} {entry.Resolved}" + (entry.Version is { } version ? $", version {version}" : "");
    }
}
