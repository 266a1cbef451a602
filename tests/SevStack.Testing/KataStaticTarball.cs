using System.Diagnostics;
using System.Formats.Tar;
using System.Text;

namespace SevStack.Testing;

/// <summary>
/// A small kata-static-&lt;version&gt;-amd64.tar.xz laid out as the Kata project publishes it: "./opt/kata/..." entries,
/// a dynamically linked shim (a copy of /usr/bin/true, so dpkg-shlibdeps has work), a statically linked virtiofsd
/// (a copy of the static busybox, as upstream's musl builds are), a default configuration link and
/// a guest kernel link. Compressed with the real xz.
/// </summary>
public static class KataStaticTarball
{
    public static readonly DateTimeOffset EntryTime = new(2025, 5, 20, 12, 0, 0, TimeSpan.Zero);
    const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    const UnixFileMode Data = (UnixFileMode)0b110_100_100;

    /// <param name="extra">Further entries, e.g. one that escapes /opt/kata.</param>
    public static byte[] Create(string version, Action<TarWriter>? extra = null)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var folder in new[] { "./", "./opt/", "./opt/kata/", "./opt/kata/bin/", "./opt/kata/libexec/", "./opt/kata/share/", "./opt/kata/share/defaults/",
                         "./opt/kata/share/defaults/kata-containers/", "./opt/kata/share/kata-containers/" })
                Write(writer, new GnuTarEntry(TarEntryType.Directory, folder) { Mode = Executable });
            WriteFile(writer, "./opt/kata/bin/containerd-shim-kata-v2", File.ReadAllBytes("/usr/bin/true"), Executable);
            WriteFile(writer, "./opt/kata/libexec/virtiofsd", File.ReadAllBytes("/bin/busybox"), Executable);
            WriteFile(writer, "./opt/kata/bin/kata-runtime", Encoding.UTF8.GetBytes($"#!/bin/sh\necho 'kata-runtime  : {version}'\n"), Executable);
            WriteFile(writer, "./opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml",
                File.ReadAllBytes(SharedData.TestData("kata", "3.x", "configuration-qemu-sev.toml.in")), Data);
            Write(writer, new GnuTarEntry(TarEntryType.SymbolicLink, "./opt/kata/share/defaults/kata-containers/configuration.toml") { LinkName = "configuration-qemu-sev.toml", Mode = Executable });
            WriteFile(writer, "./opt/kata/share/kata-containers/vmlinuz-6.12.28-153", [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 31))], Data);
            Write(writer, new GnuTarEntry(TarEntryType.SymbolicLink, "./opt/kata/share/kata-containers/vmlinuz.container") { LinkName = "vmlinuz-6.12.28-153", Mode = Executable });
            extra?.Invoke(writer);
        }
        return Xz(tar.ToArray());
    }

    public static void WriteFile(TarWriter writer, string name, byte[] content, UnixFileMode mode) =>
        Write(writer, new GnuTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(content) });

    public static void Write(TarWriter writer, GnuTarEntry entry)
    {
        entry.ModificationTime = EntryTime;
        entry.UserName = "root";
        entry.GroupName = "root";
        writer.WriteEntry(entry);
    }

    static byte[] Xz(byte[] tar)
    {
        using var xz = Process.Start(new ProcessStartInfo("xz", "-T1 -6 -c") { RedirectStandardInput = true, RedirectStandardOutput = true })!;
        var output = new MemoryStream();
        var reading = xz.StandardOutput.BaseStream.CopyToAsync(output);
        xz.StandardInput.BaseStream.Write(tar);
        xz.StandardInput.Close();
        reading.Wait();
        xz.WaitForExit();
        if (xz.ExitCode != 0)
            throw new InvalidOperationException($"xz failed with exit code {xz.ExitCode}");
        return output.ToArray();
    }
}
