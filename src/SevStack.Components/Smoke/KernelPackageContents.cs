using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Smoke;

/// <summary>The kernel and module folder of an unpacked <c>linux-image-*.deb</c>.</summary>
public sealed record KernelPackageContents(string Kernel, string ModulesDirectory)
{
    /// <summary>Unpacks the image package with <c>dpkg-deb -x</c> into <paramref name="folder"/> (emptied first).</summary>
    public static async Task<KernelPackageContents> ExtractAsync(ICommandRunner runner, string imageDeb, string kernelRelease, string folder, CancellationToken cancellationToken = default)
    {
        if (!runner.IsDryRun && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        await runner.RunAsync(new CommandSpec("dpkg-deb", "-x", imageDeb, folder), cancellationToken).ConfigureAwait(false);
        var contents = new KernelPackageContents(
            Path.Combine(folder, "boot", "vmlinuz-" + kernelRelease),
            Path.Combine(folder, "lib", "modules", kernelRelease));
        if (!runner.IsDryRun && !File.Exists(contents.Kernel))
            throw new BuildException($"{imageDeb} holds no boot/vmlinuz-{kernelRelease}; the package does not match kernel release {kernelRelease}.");
        return contents;
    }
}
