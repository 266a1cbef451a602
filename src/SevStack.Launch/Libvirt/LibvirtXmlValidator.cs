using SevStack.Toolkit.Processes;

namespace SevStack.Launch.Libvirt;

/// <summary>What <c>virt-xml-validate</c> said about a document.</summary>
public sealed record XmlValidation(bool Valid, string Output);

/// <summary>Checks a domain XML against libvirt's own schema with <c>virt-xml-validate FILE domain</c>.</summary>
public static class LibvirtXmlValidator
{
    public static async Task<XmlValidation> ValidateAsync(ICommandRunner runner, string path, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(
            new CommandSpec("virt-xml-validate", path, "domain") { IsQuery = true, AllowFailure = true }, cancellationToken);
        return new XmlValidation(result.Succeeded, (result.StandardOutput + result.StandardError).Trim());
    }
}
