using System.Globalization;

namespace SevStack.Checks.Probes;

/// <summary>Who runs the check, from <c>/proc/self/status</c> under the root: effective uid and effective capabilities.</summary>
public sealed record ProcessIdentity(int EffectiveUid, ulong EffectiveCapabilities)
{
    public const string StatusPath = "/proc/self/status";

    /// <summary>CAP_IPC_LOCK (14): locked memory is not limited by RLIMIT_MEMLOCK.</summary>
    public bool CanLockAnyMemory => (EffectiveCapabilities & (1UL << 14)) != 0;

    public string Describe() => EffectiveUid == 0 ? "root (uid 0)" : $"uid {EffectiveUid}";

    public static ProcessIdentity? Read(HostFiles files)
    {
        var lines = files.ReadText(StatusPath)?.Split('\n');
        var uid = Field(lines, "Uid:")?.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries);
        var capabilities = Field(lines, "CapEff:");
        if (uid is not { Length: >= 2 } || capabilities is null
            || !int.TryParse(uid[1], CultureInfo.InvariantCulture, out var effective)
            || !ulong.TryParse(capabilities, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var caps))
            return null;
        return new ProcessIdentity(effective, caps);
    }

    static string? Field(string[]? lines, string name) =>
        lines?.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim();
}
