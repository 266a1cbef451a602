namespace SevStack.Toolkit.Files;

/// <summary>The one way targets change files, so that a dry run can show the change instead.</summary>
public interface IFileWriter
{
    /// <returns>True when the content differed (or the file was new).</returns>
    bool WriteAllText(string path, string content, UnixFileMode? mode = null);

    /// <returns>True when a file was there.</returns>
    bool Delete(string path);
}
