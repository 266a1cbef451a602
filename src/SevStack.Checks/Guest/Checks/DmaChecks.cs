using SevStack.Checks.Report;

namespace SevStack.Checks.Guest.Checks;

/// <summary>
/// SEV guests do all DMA through SWIOTLB bounce buffers in shared memory; when the pool runs out the guest panics.
/// The seed's FAQ recommends 512 MB instead of the kernel's 64 MB default.
/// </summary>
public sealed class SwiotlbCheck() : KernelLogCheck<GuestFacts, GuestLogFindings>(new("swiotlb", "SWIOTLB bounce-buffer pool size", Required: false))
{
    protected override CheckResult Judge(GuestFacts facts, GuestLogFindings log)
    {
        if (log.SwiotlbMegabytes is not { } size)
            return Outcome.Skip([], "the kernel log has no 'software IO TLB' line (it may have left the ring buffer)");

        var minimum = facts.Options.MinimumSwiotlbMegabytes;
        var evidence = new List<string> { log.SwiotlbLine!, $"pool: {size} MB" };
        if (size >= minimum)
            return Outcome.Pass(evidence);
        return Outcome.Problem(evidence,
            $"{size} MB is below the recommended {minimum} MB: with SEV every DMA goes through this pool, and a guest that exhausts it panics (virtio-blk with many queues does)",
            $"add swiotlb={minimum * 512} (slabs of 2 KB = {minimum} MB) to the guest kernel command line " +
            "(for Kata: kernel_params in configuration.toml)");
    }
}

/// <summary>The root disk's driver: virtio-blk exhausts SWIOTLB in SEV guests (the seed's FAQ), virtio-scsi does not.</summary>
public sealed class RootDeviceCheck() : KernelLogCheck<GuestFacts, GuestLogFindings>(new("root-device", "root device driver", Required: false))
{
    protected override CheckResult Judge(GuestFacts facts, GuestLogFindings log)
    {
        if (log.Root is not { } root)
            return Outcome.Skip([], "the kernel log shows neither a root= parameter nor a virtio disk");

        var evidence = new List<string> { root.Evidence, $"driver: {root.Driver}" };
        if (root.Driver == "virtio-blk" && log.SevActive)
            return Outcome.Problem(evidence,
                "virtio-blk allocates many DMA buffers per queue, which can exhaust the SEV guest's SWIOTLB pool (out-of-DMA-buffer errors, panics)",
                "attach the disk with virtio-scsi (Launch does; for Kata set block_device_driver = \"virtio-scsi\" and root=/dev/sda1 in kernel_params), or raise swiotlb=");
        return Outcome.Pass(evidence);
    }
}
