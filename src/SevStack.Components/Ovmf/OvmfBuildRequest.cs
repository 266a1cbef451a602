namespace SevStack.Components.Ovmf;

/// <summary>What <see cref="OvmfBuilder"/> builds.</summary>
/// <param name="SourceTree">The unpacked edk2 source; edk2 builds inside it (Conf/, Build/).</param>
public sealed record OvmfBuildRequest(string SourceTree, OvmfVariant Variant)
{
    public OvmfBuildType BuildType { get; init; } = OvmfBuildType.Release;
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// PATH for BaseTools and build. The default leaves out per-user Python shims (pyenv) so the distribution's
    /// python3, which edk2 was tested with, is used.
    /// </summary>
    public string ToolPath { get; init; } = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The Python interpreter edk2's tools run (PYTHON_COMMAND), looked up on <see cref="ToolPath"/>.</summary>
    public string PythonCommand { get; init; } = "python3";

    /// <summary>More <c>-D NAME=VALUE</c> defines after the variant's own.</summary>
    public IReadOnlyList<string> ExtraDefines { get; init; } = [];
}
