namespace SevStack.Components.Smoke;

/// <summary>One TCG boot of a kernel and the smoke initramfs.</summary>
/// <param name="WorkDirectory">Receives the console log and the private VARS copy.</param>
public sealed record SmokeBootRequest(string QemuBinary, string Kernel, string Initramfs, SmokeFirmware Firmware, string WorkDirectory)
{
    public const string DefaultMarker = "SEVSTACK-SMOKE-OK";

    /// <summary>The line the initramfs prints last; must match what <see cref="SmokeInitramfs"/> was built with.</summary>
    public string Marker { get; init; } = DefaultMarker;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(120);
    public int MemoryMiB { get; init; } = 512;

    /// <summary>Names the console log (<c>&lt;Name&gt;.console.log</c>).</summary>
    public string Name { get; init; } = "smoke";

    /// <summary>Modules whose <c>insmod</c> must report rc=0 for the boot to pass.</summary>
    public IReadOnlyList<string> RequiredModules { get; init; } = [];
}
