namespace SevStack.Toolkit.Processes;

/// <summary>How commands that need root are run: directly as root, or through <c>sudo -n</c>.</summary>
public sealed record Privilege(bool IsRoot)
{
    public static Privilege Detect() => new(Environment.UserName == "root" || GetEuid() == 0);

    /// <summary>sudo resets the environment, so the command's own variables travel through <c>env</c> after it.</summary>
    public CommandSpec Elevate(CommandSpec spec)
    {
        if (!spec.NeedsRoot || IsRoot)
            return spec;
        var environment = spec.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value is null ? new[] { "-u", kv.Key } : [$"{kv.Key}={kv.Value}"]).ToList();
        string[] command = environment.Count == 0 ? [spec.Program, .. spec.Arguments] : ["env", .. environment, spec.Program, .. spec.Arguments];
        return spec with { Program = "sudo", Arguments = ["-n", "--", .. command], Environment = new Dictionary<string, string?>() };
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    static extern uint GetEuidNative();

    static uint GetEuid()
    {
        try { return OperatingSystem.IsLinux() ? GetEuidNative() : uint.MaxValue; }
        catch (DllNotFoundException) { return uint.MaxValue; }
    }
}
