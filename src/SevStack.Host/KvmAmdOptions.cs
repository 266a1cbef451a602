namespace SevStack.Host;

/// <summary>The kvm_amd module options written to /etc/modprobe.d/sevstack-kvm.conf.</summary>
public sealed record KvmAmdOptions(bool SevEs = false, bool SevSnp = false)
{
    public const string ConfigPath = "/etc/modprobe.d/sevstack-kvm.conf";

    public string FileContent()
    {
        var options = "sev=1" + (SevEs ? " sev_es=1" : "") + (SevSnp ? " sev_snp=1" : "");
        return $"# Written by SevStack InstallHost; UninstallHost removes it.\noptions kvm_amd {options}\n";
    }
}
