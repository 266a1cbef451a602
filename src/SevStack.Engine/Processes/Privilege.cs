namespace SevStack.Engine.Processes;

/// <summary>How commands that need root are run: directly as root, or through <c>sudo -n</c>.</summary>
public sealed record Privilege(bool IsRoot)
{
    public static Privilege Detect() => new(Environment.UserName == "root" || GetEuid() == 0);

    public CommandSpec Elevate(CommandSpec spec) => !spec.NeedsRoot || IsRoot
        ? spec
        : spec with { Program = "sudo", Arguments = ["-n", "--", spec.Program, .. spec.Arguments] };

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    static extern uint GetEuidNative();

    static uint GetEuid()
    {
        try { return OperatingSystem.IsLinux() ? GetEuidNative() : uint.MaxValue; }
        catch (DllNotFoundException) { return uint.MaxValue; }
    }
}
