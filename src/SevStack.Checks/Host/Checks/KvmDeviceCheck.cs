using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>/dev/kvm opens for the invoking user and answers KVM_GET_API_VERSION with the stable 12, as sevctl and snphost check.</summary>
public sealed class KvmDeviceCheck() : Check<HostFacts>(new("kvm-device", "/dev/kvm opens and reports KVM API version 12", Required: true))
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var kvm = facts.Kvm;
        if (!kvm.Device.Exists)
            return Outcome.Problem([$"{KvmApiVersion.DevicePath} does not exist"],
                "KVM is not available: kvm_amd is not loaded, SVM is off in the BIOS, or this host is a virtual machine without nested virtualization",
                "modprobe kvm_amd (see kvm-amd-sev) on a bare-metal AMD host with SVM enabled in the BIOS");
        if (kvm.NotAskedBecause is { } reason)
            return Outcome.Skip([$"{KvmApiVersion.DevicePath} exists"], reason, "run CheckHost on the host itself (without --host-root)");
        if (!kvm.Device.Opened)
            return Outcome.Problem([$"{KvmApiVersion.DevicePath}: {kvm.Device.Error} for {facts.User}"],
                $"{facts.User} cannot open {KvmApiVersion.DevicePath}, so QEMU started by this user cannot use KVM",
                "add the user to the kvm group (adduser <user> kvm, then log in again) or run QEMU as root");
        if (kvm.Version != KvmApiVersion.Stable)
            return Outcome.Problem([$"KVM_GET_API_VERSION: {kvm.Version}"],
                $"KVM reports API version {kvm.Version}; QEMU needs {KvmApiVersion.Stable}",
                "boot a current kernel (SevStack's host kernel, InstallHost)");
        return Outcome.Pass($"{KvmApiVersion.DevicePath} opened by {facts.User}", $"KVM_GET_API_VERSION: {kvm.Version}");
    }
}
