using System.Xml;
using System.Xml.Linq;

namespace SevStack.Checks.Probes;

/// <summary>The SEV part of <c>virsh domcapabilities</c>: <c>&lt;features&gt;&lt;sev supported='yes'&gt;</c> and <c>&lt;launchSecurity&gt;</c>.</summary>
public sealed record DomainCapabilities(
    string? Emulator,
    bool? SevSupported,
    int? Cbitpos,
    int? ReducedPhysBits,
    int? MaxGuests,
    int? MaxEsGuests,
    IReadOnlyList<string> LaunchSecurityTypes)
{
    /// <exception cref="XmlException">The text is not XML.</exception>
    public static DomainCapabilities Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root ?? throw new XmlException("empty document");
        var features = root.Element("features");
        var sev = features?.Element("sev");
        var launchSecurity = features?.Element("launchSecurity");
        return new DomainCapabilities(
            root.Element("path")?.Value,
            sev?.Attribute("supported")?.Value switch { "yes" => true, "no" => false, _ => null },
            Int(sev?.Element("cbitpos")),
            Int(sev?.Element("reducedPhysBits")),
            Int(sev?.Element("maxGuests")),
            Int(sev?.Element("maxESGuests")),
            launchSecurity?.Attribute("supported")?.Value == "yes"
                ? [.. launchSecurity.Descendants("value").Select(v => v.Value)]
                : []);
    }

    static int? Int(XElement? element) => int.TryParse(element?.Value, out var n) ? n : null;
}
