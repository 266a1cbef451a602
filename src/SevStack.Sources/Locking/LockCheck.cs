using SevStack.Toolkit;

namespace SevStack.Sources.Locking;

/// <summary>Compares what a spec resolves to now with what the lock recorded.</summary>
public static class LockCheck
{
    /// <summary>
    /// Records <paramref name="current"/> when there is no entry for this spec yet or <paramref name="updateLock"/> is set;
    /// otherwise throws when the resolved value or version differs from the lock.
    /// </summary>
    public static void Verify(SourceLock sourceLock, string profile, string component, LockEntry current, bool updateLock)
    {
        var locked = sourceLock.Find(profile, component);
        if (locked is null || locked.Spec != current.Spec || updateLock)
        {
            sourceLock.Set(profile, component, current);
            return;
        }
        if (locked.Resolved != current.Resolved || locked.Version != current.Version)
            throw new BuildException(
                $"{component}: {sourceLock.Path} pins {Describe(locked)} for '{current.Spec}', but it now resolves to {Describe(current)}; " +
                "run with --update-lock to accept the new one");
    }

    static string Describe(LockEntry entry) => entry.Version is null ? entry.Resolved : $"{entry.Resolved} (version {entry.Version})";
}
