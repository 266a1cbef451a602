using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Host.Tests.Installer;

/// <summary>The installer folder copied into a Debian test root and run there through chroot, as an operator runs it on a host.</summary>
sealed class InstallerRun(DebianTestRoot root)
{
    public const string FolderInRoot = "/var/tmp/sevstack-installer";

    public void CopyIn(string bundle)
    {
        Support.Shell.Run("rm", "-rf", root.Map(FolderInRoot));
        Support.Shell.Run("cp", "-a", bundle, root.Map(FolderInRoot));
    }

    public Task<CommandResult> RunAsync(params string[] arguments) => root.ChrootAsync(["sh", FolderInRoot + "/install.sh", .. arguments]);

    public static string Output(CommandResult result) => result.StandardError + result.StandardOutput;
}
