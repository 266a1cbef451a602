using SevStack.Testing;

namespace SevStack.Measurement.Tests;

/// <summary>
/// The two OVMF footers in ../shared/testdata/measure (the last 4 KiB of real AmdSevX64 and OvmfPkgX64 builds) and the
/// empty kernel and initrd files the reference tool's tests boot.
/// </summary>
public sealed class MeasureFixtures : IDisposable
{
    readonly TempDirectory folder = new("sevstack-measure");

    public MeasureFixtures()
    {
        EmptyKernel = folder.WriteFile("vmlinuz", "");
        EmptyInitrd = folder.WriteFile("initrd.img", "");
    }

    public static string AmdSev { get; } = SharedData.TestData("measure", "ovmf_AmdSev_suffix.bin");

    public static string OvmfX64 { get; } = SharedData.TestData("measure", "ovmf_OvmfX64_suffix.bin");

    public string EmptyKernel { get; }

    public string EmptyInitrd { get; }

    public string Folder => folder.Path;

    public void Dispose() => folder.Dispose();
}
