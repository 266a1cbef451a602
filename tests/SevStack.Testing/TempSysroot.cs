using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Host;

namespace SevStack.Testing;

/// <summary>A temp folder standing in for <c>--sysroot</c>, with the files a Kata or Docker configuration points at.</summary>
public sealed class TempSysroot : IDisposable
{
    readonly TempDirectory folder = new("sevstack-sysroot");

    public string Path => folder.Path;

    public TargetRoot Target => new(folder.Path);

    /// <summary>What the runs so far recorded, as state.json would hold it between targets.</summary>
    public HostChangeRecord Record { get; } = new();

    public string Map(string absolutePath) => Target.Map(absolutePath);

    public string MapEntry(string absolutePath) => Target.MapEntry(absolutePath);

    /// <summary>The bookkeeping the targets change files through, as root; a dry-run runner gets the dry-run file writer.</summary>
    public HostChanges Changes(IBuildLog? log = null, ICommandRunner? runner = null)
    {
        log ??= new MemoryBuildLog();
        runner ??= new RecordingCommandRunner();
        IFileWriter writer = runner.IsDryRun ? new DryRunFileWriter(log) : new FileWriter(log);
        return new HostChanges(Target, runner, writer, new Privilege(IsRoot: true), log, Record);
    }

    public TempSysroot With(string absolutePath, string content = "")
    {
        var full = Map(absolutePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Adds an installed package to the root's dpkg database (/var/lib/dpkg/status).</summary>
    public TempSysroot WithDockerPackage(string name, string version)
    {
        var status = Map("/var/lib/dpkg/status");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(status)!);
        File.AppendAllText(status, $"Package: {name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: {version}\nDescription: fixture\n\n");
        return this;
    }

    public string Read(string absolutePath) => File.ReadAllText(Map(absolutePath));

    public bool Exists(string absolutePath) => File.Exists(Map(absolutePath));

    public void Dispose() => folder.Dispose();
}
