namespace SevStack.Sources;

/// <summary>What SevStack fetches: each names its lock entry, its patches folder and its work tree.</summary>
public enum SourceComponent
{
    Kernel,
    GuestKernel,
    Qemu,
    Ovmf,
    KataRuntime,
}

public static class SourceComponentNames
{
    /// <summary>The name in sevstack.lock.json, patches/ and the work tree: kernel, guest-kernel, qemu, ovmf, kata-runtime.</summary>
    public static string Key(this SourceComponent component) => component switch
    {
        SourceComponent.Kernel => "kernel",
        SourceComponent.GuestKernel => "guest-kernel",
        SourceComponent.Qemu => "qemu",
        SourceComponent.Ovmf => "ovmf",
        SourceComponent.KataRuntime => "kata-runtime",
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };
}
