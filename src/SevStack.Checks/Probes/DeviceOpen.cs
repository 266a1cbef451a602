namespace SevStack.Checks.Probes;

/// <summary>Whether a device under the root opened for reading and writing, as QEMU opens it; the error when not.</summary>
public sealed record DeviceOpen(string Path, bool Exists, string? Error)
{
    public bool Opened => Exists && Error is null;

    /// <summary>Opens and closes the device; nothing is read or written.</summary>
    public static DeviceOpen Try(HostFiles files, string path)
    {
        var full = files.Resolve(path);
        if (!File.Exists(full))
            return new DeviceOpen(path, false, "does not exist");
        try
        {
            using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return new DeviceOpen(path, true, null);
        }
        catch (UnauthorizedAccessException) { return new DeviceOpen(path, true, "permission denied"); }
        catch (IOException e) { return new DeviceOpen(path, true, e.Message); }
    }
}
