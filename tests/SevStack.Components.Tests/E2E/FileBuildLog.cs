using SevStack.Engine.Processes;

namespace SevStack.Components.Tests.E2E;

/// <summary>A build log for the long real builds: appended to a file so that a run can be followed with tail -f.</summary>
sealed class FileBuildLog : IBuildLog, IDisposable
{
    readonly StreamWriter writer;

    public FileBuildLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string? FilePath { get; }

    public void Info(string message) => Write($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
    public void Warning(string message) => Write($"[{DateTime.UtcNow:HH:mm:ss}] warning: {message}");
    public void Output(string line) => Write(line);

    void Write(string line) { lock (writer) writer.WriteLine(line); }

    public void Dispose() => writer.Dispose();
}
