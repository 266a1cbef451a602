using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>/dev/sev, the PSP's device: QEMU opens it to launch SEV guests.</summary>
public sealed class DevSevCheck() : Check<HostFacts>(new("dev-sev", "/dev/sev present with sane permissions", Required: true))
{
    public const string DevicePath = "/dev/sev";

    const UnixFileMode OthersAccess = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
    const UnixFileMode GroupAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    protected override CheckResult Judge(HostFacts facts)
    {
        if (facts.DevSevMode is not { } mode)
            return Outcome.Problem([$"{DevicePath} does not exist"],
                !facts.IsAmd ? "only AMD processors have the PSP that provides it" : "the ccp driver did not create it: the module is not loaded, the kernel lacks CONFIG_CRYPTO_DEV_SP_PSP, or the PSP is disabled in the BIOS",
                "modprobe ccp, then read 'dmesg | grep -i ccp'; enable SEV in the BIOS");

        var evidence = new List<string> { $"{DevicePath} mode {Octal(mode)}" };
        if ((mode & OthersAccess) != 0)
            return Outcome.Warn(evidence,
                "every local user can send commands to the SEV firmware",
                "restrict it with a udev rule: echo 'KERNEL==\"sev\", MODE=\"0660\", GROUP=\"kvm\"' > /etc/udev/rules.d/71-sev.rules; udevadm trigger");
        if ((mode & (UnixFileMode.UserRead | UnixFileMode.UserWrite)) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
            return Outcome.Problem(evidence, "not even its owner may read and write it", "chmod 0600 /dev/sev (or add the udev rule 71-sev.rules)");
        evidence.Add((mode & GroupAccess) == GroupAccess
            ? "its group (kvm in the recommended udev rule) may use it, so QEMU can run as a member of that group"
            : "only root may use it: run QEMU as root or through libvirt, or add the udev rule KERNEL==\"sev\", MODE=\"0660\", GROUP=\"kvm\"");
        return Outcome.Pass(evidence);
    }

    static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}

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
