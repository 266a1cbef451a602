using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>The invoking user can open /dev/sev for reading and writing, as QEMU does to launch an SEV guest.</summary>
public sealed class DevSevAccessCheck() : Check<HostFacts>(new("dev-sev-access", "/dev/sev opens for reading and writing", Required: true))
{
    protected override CheckResult Judge(HostFacts facts)
    {
        var device = facts.DevSevOpen;
        if (!device.Exists)
            return Outcome.Skip([$"{device.Path} does not exist"], "there is no device to open (see dev-sev)");
        if (device.Opened)
            return Outcome.Pass($"{device.Path} opened for reading and writing by {facts.User}");
        return Outcome.Problem([$"{device.Path}: {device.Error} for {facts.User}"],
            $"{facts.User} cannot open {device.Path}, so QEMU started by this user cannot launch SEV guests",
            "run QEMU as root or through libvirt, or give the kvm group access: echo 'KERNEL==\"sev\", MODE=\"0660\", GROUP=\"kvm\"' > /etc/udev/rules.d/71-sev.rules; udevadm trigger; adduser <user> kvm");
    }
}
