using SevStack.Checks.Report;

namespace SevStack.Checks.Host.Checks;

/// <summary>The running kernel was built with the options an SEV host needs.</summary>
public sealed class KernelConfigCheck() : Check<HostFacts>(new("kernel-config", "running kernel built with SEV host support", Required: true))
{
    /// <summary>Option, accepted values, and what it provides.</summary>
    static readonly (string Option, string[] Accepted, string Purpose)[] Needed =
    [
        ("CONFIG_AMD_MEM_ENCRYPT", ["y"], "memory encryption support"),
        ("CONFIG_KVM_AMD", ["y", "m"], "KVM for AMD"),
        ("CONFIG_KVM_AMD_SEV", ["y"], "SEV guests in KVM"),
        ("CONFIG_CRYPTO_DEV_CCP_DD", ["y", "m"], "the ccp driver that talks to the PSP"),
        ("CONFIG_CRYPTO_DEV_SP_PSP", ["y"], "PSP (SEV firmware) support in the ccp driver"),
    ];

    protected override CheckResult Judge(HostFacts facts)
    {
        if (facts.KernelConfig is not { } config)
            return Outcome.Skip([], facts.KernelConfigProblem,
                "install the kernel's config file (Debian kernels ship /boot/config-<release>) or build with CONFIG_IKCONFIG_PROC=y");

        var evidence = new List<string> { $"{config.Path} (kernel {config.Release})" };
        var missing = new List<string>();
        foreach (var (option, accepted, purpose) in Needed)
        {
            var value = config[option];
            evidence.Add($"{option}={value ?? "(not set)"}");
            if (value is null || !accepted.Contains(value))
                missing.Add($"{option} ({purpose})");
        }
        if (config["CONFIG_AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT"] == "y")
            evidence.Add("CONFIG_AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT=y: SME is on unless mem_encrypt=off");
        if (config["CONFIG_X86_CPUID"] is null)
            evidence.Add("CONFIG_X86_CPUID is not set: /dev/cpu/*/cpuid (for the C-bit position) is unavailable");

        if (missing.Count == 0)
            return Outcome.Pass(evidence);
        return Outcome.Problem(evidence,
            $"kernel {config.Release} was built without {string.Join(", ", missing)}",
            "install and boot the SevStack host kernel (InstallHost), or rebuild this kernel with those options");
    }
}
