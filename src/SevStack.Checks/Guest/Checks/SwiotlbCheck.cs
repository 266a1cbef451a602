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
