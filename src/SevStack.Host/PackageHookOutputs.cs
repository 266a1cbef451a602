namespace SevStack.Host;

/// <summary>
/// Files a root's package hooks write when a kernel package is installed, which no package owns, so a purge leaves them:
/// apt's <c>/etc/kernel/postinst.d/apt-auto-removal</c> (Debian 11's apt 2.2 has it, Debian 12's apt 2.6 no longer; the root's own file decides) rewrites
/// <c>/etc/apt/apt.conf.d/01autoremove-kernels</c> on every kernel install. Backed up (or recorded as created) before the
/// packages are installed, so the uninstall and a rollback put the root back as it was.
/// </summary>
public static class PackageHookOutputs
{
    public const string AptAutoRemovalHook = "/etc/kernel/postinst.d/apt-auto-removal";
    public const string AptAutoRemovalOutput = "/etc/apt/apt.conf.d/01autoremove-kernels";

    public static IReadOnlyList<string> Of(TargetRoot root) =>
        File.Exists(root.Map(AptAutoRemovalHook)) ? [AptAutoRemovalOutput] : [];
}
