using SevStack.Checks.Report;

namespace SevStack.Checks.Guest.Checks;

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
