using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>InstallHost's refusal to make a kernel the boot default when its config lacks what a server needs to boot (<see cref="BootCriticalOptions"/>).</summary>
public static class UnbootableKernelDefault
{
    public const string OverrideFlag = "--allow-unbootable-kernel-default";

    /// <summary>One line naming what the package's config lacks and how to go on, or null when it has everything.</summary>
    /// <param name="grubDefault">The --grub-default value that would make it the default (always, once).</param>
    public static async Task<string?> RefusalAsync(ICommandRunner runner, string imageDeb, string grubDefault, CancellationToken cancellationToken = default)
    {
        var config = await KernelImagePackageConfig.ReadAsync(runner, imageDeb, cancellationToken).ConfigureAwait(false);
        var what = config is null
            ? "holds no /boot/config-* to check"
            : BootCriticalOptions.Missing(config) is { Count: > 0 } missing
                ? "has a kernel config that lacks what a server needs to boot: " + string.Join(", ", missing.Select(r => r.MissingIn(config)))
                : null;
        return what is null ? null
            : $"{Path.GetFileName(imageDeb)} {what}; it will not be made the boot default (--grub-default {grubDefault}): " +
              $"build the host kernel with a bootable --kernel-config (distribution), install it with --grub-default no, or pass {OverrideFlag}";
    }
}
