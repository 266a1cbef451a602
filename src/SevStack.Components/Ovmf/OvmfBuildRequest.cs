namespace SevStack.Components.Ovmf;

/// <summary>What <see cref="OvmfBuilder"/> builds.</summary>
/// <param name="SourceTree">The unpacked edk2 source; edk2 builds inside it (Conf/, Build/).</param>
/// <param name="Variants">Built one after the other from the one tree, each into its platform's own Build folder.</param>
public sealed record OvmfBuildRequest(string SourceTree, IReadOnlyList<OvmfVariant> Variants)
{
    public OvmfBuildRequest(string sourceTree, OvmfVariant variant) : this(sourceTree, [variant])
    {
    }

    public OvmfBuildType BuildType { get; init; } = OvmfBuildType.Release;
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// PATH for BaseTools and build. The default leaves out per-user Python shims (pyenv) so the distribution's
    /// python3, which edk2 was tested with, is used.
    /// </summary>
    public string ToolPath { get; init; } = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// Where the file system the commands run in is on this machine: "" for this machine's, a build root's folder when
    /// the runner runs each command inside it; the system tools (nasm, iasl, grub-mkimage) are looked up there.
    /// </summary>
    public string FileRoot { get; init; } = "";

    /// <summary>The Python interpreter edk2's tools run (PYTHON_COMMAND), looked up on <see cref="ToolPath"/>.</summary>
    public string PythonCommand { get; init; } = "python3";

    /// <summary>More <c>-D NAME=VALUE</c> defines after the variant's own.</summary>
    public IReadOnlyList<string> ExtraDefines { get; init; } = [];

    /// <summary>The x86_64-efi GRUB modules AmdSev's grub.sh embeds.</summary>
    public string GrubModuleDirectory { get; init; } = AmdSevGrub.DebianModuleDirectory;

    /// <summary>Whether AmdSev's GRUB must carry the module that reads the SEV secret.</summary>
    public SevSecretModule SecretModule { get; init; } = SevSecretModule.Required;

    /// <summary>snp: each image must carry what an SEV-SNP launch needs (<see cref="OvmfImageCheck"/>).</summary>
    public SevBuildLevel SevLevel { get; init; } = SevBuildLevel.Sev;
}
