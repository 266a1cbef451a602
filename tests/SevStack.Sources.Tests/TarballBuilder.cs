using System.Formats.Tar;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Tests;

/// <summary>Builds tar archives entry by entry (including hostile ones) and compresses them with the real tools.</summary>
internal sealed class TarballBuilder
{
    static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    readonly List<TarEntry> entries = [];

    public TarballBuilder File(string name, string content, UnixFileMode mode = (UnixFileMode)0b110_100_100)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
            Mode = mode,
            ModificationTime = Epoch,
        };
        entries.Add(entry);
        return this;
    }

    public TarballBuilder Directory(string name)
    {
        entries.Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101, ModificationTime = Epoch });
        return this;
    }

    public TarballBuilder Symlink(string name, string target)
    {
        entries.Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, ModificationTime = Epoch });
        return this;
    }

    public TarballBuilder HardLink(string name, string target)
    {
        entries.Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target, ModificationTime = Epoch });
        return this;
    }

    /// <summary>Writes <paramref name="path"/>; the compressor follows the extension (.tar, .gz, .xz, .bz2, .zst).</summary>
    public async Task<string> WriteAsync(string path)
    {
        var tar = path.EndsWith(".tar", StringComparison.Ordinal) ? path : Path.ChangeExtension(path, null);
        await using (var stream = System.IO.File.Create(tar))
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
            foreach (var entry in entries)
                await writer.WriteEntryAsync(entry);
        var tool = Path.GetExtension(path) switch
        {
            ".gz" => "gzip",
            ".xz" => "xz",
            ".bz2" => "bzip2",
            ".zst" => "zstd",
            _ => null,
        };
        if (tool is not null)
            await TestTools.Runner().RunAsync(new CommandSpec(tool, tool == "zstd" ? ["-q", "--rm", "-f", tar] : ["-f", tar]));
        return path;
    }
}
