using System.IO.Compression;
using SevStack.Toolkit;
using SevStack.Toolkit.Files;

namespace SevStack.Components.Smoke;

/// <summary>Builds the gzip-compressed initramfs: static busybox, the generated /init, the modules to load, /dev/console.</summary>
public static class SmokeInitramfs
{
    /// <summary>Debian's <c>busybox-static</c> installs here; the plain <c>busybox</c> package puts a dynamic one at the same path.</summary>
    public const string DebianBusybox = "/bin/busybox";

    /// <param name="modules">Module files in load order (dependencies first).</param>
    public static string Build(string outputPath, string marker, IReadOnlyList<string> modules, DateTimeOffset modified, string busybox = DebianBusybox)
    {
        if (!File.Exists(busybox))
            throw new BuildException($"{busybox} is missing; install the Debian package 'busybox-static' for the smoke initramfs.");
        if (ElfLinkage.IsStaticallyLinked(busybox) != true)
            throw new BuildException($"{busybox} is not a statically linked executable; install the Debian package 'busybox-static' (the 'busybox' package is dynamic).");

        var cpio = new CpioNewcWriter()
            .AddDirectory("bin").AddDirectory("dev").AddDirectory("proc").AddDirectory("sys").AddDirectory("tmp")
            .AddDirectory("lib").AddDirectory("lib/modules").AddDirectory(SmokeInitScript.ModulesFolder)
            .AddCharacterDevice("dev/console", 5, 1)
            .AddFile("bin/busybox", File.ReadAllBytes(busybox), 0x1ED)
            .AddFile("init", System.Text.Encoding.UTF8.GetBytes(SmokeInitScript.Generate(marker, modules)), 0x1ED);
        foreach (var module in modules)
            cpio.AddFile($"{SmokeInitScript.ModulesFolder}/{Path.GetFileName(module)}", File.ReadAllBytes(module));

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            cpio.WriteTo(gzip, modified);
        AtomicFile.WriteAllBytes(outputPath, buffer.ToArray());
        return outputPath;
    }
}
