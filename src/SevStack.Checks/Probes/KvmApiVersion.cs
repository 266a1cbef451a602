using System.Runtime.InteropServices;

namespace SevStack.Checks.Probes;

/// <summary>
/// <c>/dev/kvm</c> and its KVM_GET_API_VERSION answer (12 since Linux 2.6.22), asked as sevctl and snphost ask it.
/// Only the live root's device is asked: under a fixture root <c>/dev/kvm</c> is a plain file, so only its presence counts.
/// </summary>
public sealed record KvmApiVersion(DeviceOpen Device, int? Version, string? NotAskedBecause)
{
    public const string DevicePath = "/dev/kvm";
    public const int Stable = 12;
    const nuint GetApiVersion = 0xAE00; // _IO(KVMIO 0xAE, 0x00)

    public static KvmApiVersion Read(HostFiles files)
    {
        if (!files.IsLiveRoot)
            return new KvmApiVersion(new DeviceOpen(DevicePath, files.Exists(DevicePath), null), null,
                $"the host root {files.Root} is not this machine: its {DevicePath} is not asked for its API version");
        var device = DeviceOpen.Try(files, DevicePath);
        if (!device.Opened)
            return new KvmApiVersion(device, null, null);
        using var handle = File.OpenHandle(DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var version = Ioctl((int)handle.DangerousGetHandle(), GetApiVersion, 0);
        return version < 0
            ? new KvmApiVersion(device with { Error = $"KVM_GET_API_VERSION failed (errno {Marshal.GetLastPInvokeError()})" }, null, null)
            : new KvmApiVersion(device, version, null);
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    static extern int Ioctl(int fd, nuint request, nint argument);
}
