using System.Globalization;
using System.Xml.Linq;

namespace SevStack.Launch.Libvirt;

/// <summary>The <c>&lt;launchSecurity&gt;</c> of a libvirt domain, as read back from any domain XML.</summary>
public sealed record LaunchSecurity(string Type, int? Cbitpos, int? ReducedPhysBits, ulong? Policy)
{
    /// <summary>Null when the domain has no launchSecurity element (an unencrypted guest).</summary>
    public static LaunchSecurity? Read(XDocument domain)
    {
        var element = domain.Root?.Element("launchSecurity");
        if (element is null) return null;
        return new LaunchSecurity(
            element.Attribute("type")?.Value ?? "",
            Int(element.Element("cbitpos")),
            Int(element.Element("reducedPhysBits")),
            ParsePolicy(element.Element("policy")?.Value));
    }

    static int? Int(XElement? element) => int.TryParse(element?.Value, out var n) ? n : null;

    static ulong? ParsePolicy(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        return trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(trimmed[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex
            : ulong.TryParse(trimmed, CultureInfo.InvariantCulture, out var dec) ? dec : null;
    }
}
