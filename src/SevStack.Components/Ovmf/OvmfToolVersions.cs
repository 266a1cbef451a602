using System.Text.RegularExpressions;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Ovmf;

/// <summary>
/// Checks nasm and iasl before the OVMF build: too old or missing versions were the original scripts' most
/// frequent OVMF failure, reported deep inside the edk2 build.
/// </summary>
public sealed partial class OvmfToolVersions(ICommandRunner runner)
{
    /// <summary>edk2 needs NASM 2.15.05 or later since 2021.</summary>
    public static Version MinimumNasm { get; } = new(2, 15, 5);

    /// <summary>ACPICA releases are numbered by date.</summary>
    public const int MinimumIasl = 20190215;

    /// <param name="fileRoot">The build root the tools run in (their paths inside it), or "" for this machine.</param>
    public async Task CheckAsync(string searchPath, CancellationToken cancellationToken = default, string fileRoot = "")
    {
        var nasm = ProgramPath.RequireUnder(fileRoot, "nasm", searchPath);
        var iasl = ProgramPath.RequireUnder(fileRoot, "iasl", searchPath);

        var nasmOut = await Query(nasm, "-v", cancellationToken).ConfigureAwait(false);
        if (NasmVersion().Match(nasmOut) is not { Success: true } n)
            throw new BuildException($"'{nasm} -v' printed no NASM version; reinstall the 'nasm' package.");
        var nasmVersion = new Version(int.Parse(n.Groups[1].Value), int.Parse(n.Groups[2].Value), n.Groups[3].Success ? int.Parse(n.Groups[3].Value) : 0);
        if (nasmVersion < MinimumNasm)
            throw new BuildException($"{nasm} is NASM {nasmVersion}, but OVMF needs {MinimumNasm} or later; install a newer 'nasm' package (or put a newer nasm first on PATH).");

        var iaslOut = await Query(iasl, "-v", cancellationToken).ConfigureAwait(false);
        if (IaslVersion().Match(iaslOut) is not { Success: true } i)
            throw new BuildException($"'{iasl} -v' printed no compiler version; reinstall the 'acpica-tools' package.");
        if (int.Parse(i.Groups[1].Value) < MinimumIasl)
            throw new BuildException($"{iasl} is ACPICA {i.Groups[1].Value}, but OVMF needs {MinimumIasl} or later; install a newer 'acpica-tools' package.");
    }

    async Task<string> Query(string tool, string argument, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new CommandSpec(tool, argument) { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        return result.StandardOutput + result.StandardError;
    }

    [GeneratedRegex(@"NASM version (\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex NasmVersion();

    [GeneratedRegex(@"version (\d{8})")]
    private static partial Regex IaslVersion();
}
