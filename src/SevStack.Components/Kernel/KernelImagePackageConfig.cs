using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>The kernel config a <c>linux-image-*</c> package ships as <c>/boot/config-RELEASE</c>, read without unpacking the package.</summary>
public static class KernelImagePackageConfig
{
    /// <summary>The config, or null when the package holds no <c>/boot/config-*</c>. Reads only; runs in a dry run too.</summary>
    public static async Task<KernelConfigFile?> ReadAsync(ICommandRunner runner, string imageDeb, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new CommandSpec("bash", "-c",
            "set -o pipefail; dpkg-deb --fsys-tarfile \"$1\" | tar --extract --to-stdout --wildcards './boot/config-*'", "bash", imageDeb)
        {
            IsQuery = true,
            AllowFailure = true,
        }, cancellationToken).ConfigureAwait(false);
        return result.Succeeded && result.StandardOutput.Contains("CONFIG_", StringComparison.Ordinal)
            ? KernelConfigFile.Parse(result.StandardOutput.Split('\n'))
            : null;
    }
}
