namespace SevStack.Kata.Config;

/// <summary>
/// What ConfigureKata sets in <c>[hypervisor.qemu]</c> (and the debug switches of the other sections).
/// A null member leaves the packaged value alone.
/// </summary>
public sealed record KataSettings
{
    public required KataGeneration Generation { get; init; }

    /// <summary>The Kata release being configured (e.g. 3.18.0); needed to refuse plain SEV after 3.18.</summary>
    public Version? KataVersion { get; init; }

    public ConfidentialMode Confidential { get; init; } = ConfidentialMode.Unchanged;

    /// <summary>QEMU binary (<c>path</c>).</summary>
    public string? HypervisorPath { get; init; }

    public string? Kernel { get; init; }

    /// <summary>Image or initrd; setting one comments out (full file) or empties (drop-in) the other.</summary>
    public GuestRootfs? Rootfs { get; init; }

    /// <summary>OVMF build; SEV guests cannot boot with QEMU's default SeaBIOS.</summary>
    public string? Firmware { get; init; }

    public string? MachineType { get; init; } = "q35";

    /// <summary><c>virtio-scsi</c>, <c>virtio-blk</c> or <c>nvdimm</c>; also moves <c>root=/dev/vda1</c> ↔ <c>root=/dev/sda1</c>.</summary>
    public string? BlockDeviceDriver { get; init; }

    /// <summary>SWIOTLB slabs for the guest (the seed FAQ uses 262144); sets <c>swiotlb=N</c> in <c>kernel_params</c>.</summary>
    public int? Swiotlb { get; init; }

    /// <summary>Extra guest kernel parameters; one replaces an existing parameter of the same name.</summary>
    public IReadOnlyList<string> KernelParams { get; init; } = [];

    /// <summary>True turns on <c>enable_debug</c> in every section that has it and adds <c>agent.log=debug initcall_debug</c>.</summary>
    public bool? EnableDebug { get; init; }
}
