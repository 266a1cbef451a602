using System.Text;

namespace SevStack.Components.Smoke;

/// <summary>
/// The <c>/init</c> of the smoke initramfs: mounts proc/sys/devtmpfs, loads the given modules in order
/// (printing <c>insmod NAME rc=N</c>), prints <c>kvm_amd.sev=VALUE</c>, the marker, then powers off.
/// </summary>
public static class SmokeInitScript
{
    public const string ModulesFolder = "/lib/modules/smoke";

    public static string Generate(string marker, IEnumerable<string> moduleFileNames)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/busybox sh\n");
        script.Append("/bin/busybox mkdir -p /proc /sys /dev /tmp\n");
        script.Append("/bin/busybox mount -t proc proc /proc\n");
        script.Append("/bin/busybox mount -t sysfs sysfs /sys\n");
        script.Append("/bin/busybox mount -t devtmpfs devtmpfs /dev 2>/dev/null\n");
        script.Append("/bin/busybox --install -s /bin\n");
        script.Append("export PATH=/bin\n");
        script.Append("echo \"=== smoke: kernel $(uname -r) ===\"\n");
        foreach (var module in moduleFileNames)
        {
            var name = Path.GetFileName(module);
            script.Append($"insmod {ModulesFolder}/{name}; echo \"insmod {name} rc=$?\"\n");
        }
        script.Append("echo \"kvm_amd.sev=$(cat /sys/module/kvm_amd/parameters/sev 2>/dev/null || echo absent)\"\n");
        script.Append($"echo '{marker}'\n");
        script.Append("poweroff -f || reboot -f\n");
        return script.ToString();
    }
}
