using System.Security.Cryptography;
using System.Text;

namespace SevStack.Measurement.DirectBoot;

/// <summary>
/// The three SHA-256 digests QEMU puts in the SEV hashes table when it boots a kernel directly with
/// <c>kernel-hashes=on</c>: the kernel and initrd files as given (no initrd = the hash of nothing), and the
/// command line with its terminating NUL (no command line = a lone NUL), as QEMU passes it to the guest.
/// </summary>
public sealed record DirectBootHashes(byte[] Kernel, byte[] Initrd, byte[] CommandLine)
{
    public static DirectBootHashes FromFiles(string kernelPath, string? initrdPath, string? commandLine) =>
        new(HashFile(kernelPath, "kernel"), initrdPath is null ? SHA256.HashData([]) : HashFile(initrdPath, "initrd"), HashCommandLine(commandLine));

    public static byte[] HashCommandLine(string? commandLine) =>
        SHA256.HashData(Encoding.UTF8.GetBytes((commandLine ?? "") + "\0"));

    static byte[] HashFile(string path, string what)
    {
        if (!File.Exists(path))
            throw new MeasurementException($"{what} {path} does not exist: pass the {what} the guest boots");
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}
