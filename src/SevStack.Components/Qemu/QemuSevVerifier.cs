using System.Text.RegularExpressions;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Qemu;

/// <summary>
/// Runs a QEMU binary and checks it can create SEV guests: <c>--version</c> and <c>-object help</c>, and for QEMU with
/// SNP guests <c>-object sev-snp-guest,help</c> listing <see cref="SnpGuestProperties.Required"/>.
/// </summary>
public sealed partial class QemuSevVerifier(ICommandRunner runner)
{
    public async Task<QemuSevSupport> VerifyAsync(string qemuBinary, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(qemuBinary))
            throw new BuildException($"QEMU binary {qemuBinary} does not exist; the QEMU build or install did not produce it.");
        var versionText = (await Query(qemuBinary, "--version", cancellationToken)).StandardOutput;
        if (VersionLine().Match(versionText) is not { Success: true } m)
            throw new BuildException($"{qemuBinary} --version printed no 'QEMU emulator version' line; the binary does not run correctly.");
        var version = Version.Parse(m.Groups["v"].Value);

        var objects = ObjectNames((await Query(qemuBinary, "-object", cancellationToken, "help")).StandardOutput);
        var support = new QemuSevSupport(qemuBinary, version, objects.Contains("sev-guest"), objects.Contains("sev-snp-guest"));
        if (!support.HasSevGuest)
            throw new BuildException(
                $"QEMU {version} at {qemuBinary} lists no 'sev-guest' object: it was built without SEV; configure it with --enable-kvm for x86_64-softmmu.");
        if (support.ShouldHaveSevSnpGuest && !support.HasSevSnpGuest)
            throw new BuildException(
                $"QEMU {version} at {qemuBinary} lists no 'sev-snp-guest' object although {QemuSevSupport.FirstSnpVersion}+ has it; check the configure flags.");
        if (!support.HasSevSnpGuest)
            return support;
        var help = (await Query(qemuBinary, "-object", cancellationToken, SnpGuestProperties.ObjectType + ",help")).StandardOutput;
        if (SnpGuestProperties.Missing(help) is { Count: > 0 } missing)
            throw new BuildException($"QEMU {version} at {qemuBinary}: its {SnpGuestProperties.ObjectType} object lacks the SNP properties {string.Join(", ", missing)}; " +
                "an SNP launch cannot set them (is this a QEMU fork without SNP?)");
        return support with { SnpGuestProperties = QemuObjectProperties.Parse(help) };
    }

    Task<CommandResult> Query(string binary, string argument, CancellationToken cancellationToken, params string[] more) =>
        runner.RunAsync(new CommandSpec(binary, [argument, .. more]) { IsQuery = true }, cancellationToken);

    static HashSet<string> ObjectNames(string help) =>
        help.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"QEMU emulator version (?<v>\d+\.\d+(\.\d+)?)")]
    private static partial Regex VersionLine();
}
