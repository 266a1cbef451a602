using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Packaging.Control;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;

namespace SevStack.Packaging;

/// <summary>Checks a `make bindeb-pkg` package with dpkg-deb and copies it into the output folder (complete or not at all).</summary>
public sealed class KernelDebCollector(ICommandRunner runner)
{
    const string LibcDevPackage = "linux-libc-dev";

    /// <param name="includeLinuxLibcDev">linux-libc-dev replaces Debian's own copy of the kernel headers for user space, so it ships only when asked for.</param>
    public async Task<PackageRecord> CollectAsync(KernelDebInput input, string outputFolder, bool includeLinuxLibcDev = false, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(input.Path);
        if (runner.IsDryRun && source.EndsWith(".deb", StringComparison.Ordinal) && !File.Exists(source))
            return Planned(input, source);
        if (!source.EndsWith(".deb", StringComparison.Ordinal) || !File.Exists(source))
            throw new BuildException($"Kernel package {source} not found: build the kernel packages first (make bindeb-pkg writes them beside the build folder).");

        var fields = await new DebFields(runner).SimpleFieldsAsync(source, cancellationToken).ConfigureAwait(false);
        string Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new BuildException($"Kernel package {source} has no {name} field: it is not a valid .deb; rebuild it with make bindeb-pkg.");
        var (name, version, architecture) = (Field("Package"), Field("Version"), Field("Architecture"));
        if (name == LibcDevPackage && !includeLinuxLibcDev)
            throw new BuildException($"Kernel package {source} is {LibcDevPackage}, which would replace Debian's own: leave it out, or turn on the linux-libc-dev parameter to ship it.");

        var fileName = Path.GetFileName(source);
        var target = Path.Combine(outputFolder, fileName);
        if (runner.IsDryRun)
            return new PackageRecord(name, version, architecture, fileName, "", input.Source, input.CacheKey);

        var temporary = Path.Combine(outputFolder, $".{fileName}.{Environment.ProcessId}.partial");
        try
        {
            File.Copy(source, temporary, overwrite: true);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        return new PackageRecord(name, version, architecture, fileName, FileHashes.Sha256(target), input.Source, input.CacheKey);
    }

    /// <summary>A dry run's kernel build printed its commands only: the record comes from the name bindeb-pkg would give the file.</summary>
    static PackageRecord Planned(KernelDebInput input, string source)
    {
        var fileName = Path.GetFileName(source);
        var parts = Path.GetFileNameWithoutExtension(fileName).Split('_');
        if (parts.Length != 3)
            throw new BuildException($"Kernel package {source} is not named <package>_<version>_<architecture>.deb, as make bindeb-pkg names them.");
        return new PackageRecord(parts[0], parts[1], parts[2], fileName, "", input.Source, input.CacheKey);
    }
}
