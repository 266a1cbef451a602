using System.Xml;
using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Probes;

/// <summary>What <c>virsh domcapabilities</c> produced: the parsed capabilities, or why there are none.</summary>
public sealed record VirshResult(string Command, bool Installed, DomainCapabilities? Capabilities, string? Problem);

/// <summary>Asks libvirt what it can offer guests on this host.</summary>
public static class VirshProbe
{
    public static CommandSpec Command(string virshBinary, string connectUri) =>
        new(virshBinary, "-c", connectUri, "domcapabilities") { IsQuery = true, AllowFailure = true };

    public static async Task<VirshResult> RunAsync(ICommandRunner runner, string virshBinary, string connectUri, CancellationToken cancellationToken)
    {
        var spec = Command(virshBinary, connectUri);
        CommandResult result;
        try
        {
            result = await runner.RunAsync(spec, cancellationToken);
        }
        catch (ToolNotFoundException)
        {
            return new VirshResult(spec.Describe(), false, null, $"{virshBinary} is not installed");
        }
        if (!result.Succeeded)
        {
            var message = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return new VirshResult(spec.Describe(), true, null, $"exit code {result.ExitCode}: {message ?? "no message"}");
        }
        try
        {
            return new VirshResult(spec.Describe(), true, DomainCapabilities.Parse(result.StandardOutput), null);
        }
        catch (XmlException e)
        {
            return new VirshResult(spec.Describe(), true, null, $"output is not XML: {e.Message}");
        }
    }
}
