namespace SevStack.Checks.Probes;

/// <summary>One parameter file of <c>/sys/module/kvm_amd/parameters</c>: its raw text and what it means.</summary>
public sealed record ModuleParameter(string Path, string? Raw)
{
    public bool Exists => Raw is not null;

    /// <summary>
    /// True/false for the bool form (<c>Y</c>/<c>N</c>, kernels from about 5.12) and the int form (<c>1</c>/<c>0</c>,
    /// 4.16 to 5.11); null when the file is missing or holds anything else.
    /// </summary>
    public bool? Enabled => Raw switch
    {
        "Y" or "y" or "1" => true,
        "N" or "n" or "0" => false,
        _ => null,
    };

    public string Describe() => Raw is null ? $"{Path} does not exist" : $"{Path} = {Raw}";
}

/// <summary>Whether kvm_amd is loaded, and its SEV parameters.</summary>
public sealed record KvmAmdParameters(bool Loaded, ModuleParameter Sev, ModuleParameter SevEs, ModuleParameter SevSnp)
{
    public const string ModulePath = "/sys/module/kvm_amd";

    public static KvmAmdParameters Read(HostFiles files)
    {
        ModuleParameter Parameter(string name)
        {
            var path = $"{ModulePath}/parameters/{name}";
            return new ModuleParameter(path, files.ReadText(path)?.Trim());
        }
        return new KvmAmdParameters(files.DirectoryExists(ModulePath), Parameter("sev"), Parameter("sev_es"), Parameter("sev_snp"));
    }
}
