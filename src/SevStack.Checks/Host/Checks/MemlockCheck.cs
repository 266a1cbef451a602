using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>
/// KVM pins every page of an SEV guest; without CAP_IPC_LOCK the pinned memory counts against RLIMIT_MEMLOCK, and KVM
/// refuses the guest ("SEV: … locked pages exceed the lock limit"). sevctl and snphost report the same limit.
/// </summary>
public sealed class MemlockCheck() : Check<HostFacts>(new("memlock", "memlock limit allows pinning the guest's memory", Required: false))
{
    protected override CheckResult Judge(HostFacts facts)
    {
        if (facts.Memlock is not { } limit)
            return Outcome.Skip([$"{MemlockLimit.LimitsPath} has no 'Max locked memory' line"], "the memlock limit cannot be read");

        var needed = (ulong)facts.GuestMemoryMiB * 1024 * 1024;
        var evidence = new List<string>
        {
            $"{MemlockLimit.LimitsPath}: {limit.Line}",
            $"soft {MemlockLimit.Show(limit.SoftBytes)}, hard {MemlockLimit.Show(limit.HardBytes)}; a {facts.GuestMemoryMiB} MiB guest (--guest-memory) pins {MemlockLimit.Show(needed)}",
        };
        if (limit.Allows(needed))
            return Outcome.Pass(evidence);
        if (facts.Identity is { CanLockAnyMemory: true } identity)
        {
            evidence.Add($"{identity.Describe()} has CAP_IPC_LOCK, so the limit does not apply to QEMU started by it");
            return Outcome.Pass(evidence);
        }
        return Outcome.Problem(evidence,
            $"QEMU started by {facts.User} cannot pin a {facts.GuestMemoryMiB} MiB SEV guest: KVM refuses it with 'SEV: … locked pages exceed the lock limit'",
            "raise the limit (ulimit -l unlimited, or '<user> hard memlock unlimited' and the soft one in /etc/security/limits.d/), or start guests through libvirt or as root");
    }
}
